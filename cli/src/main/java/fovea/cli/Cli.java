package fovea.cli;

import fovea.models.ArchitecturePattern;
import fovea.models.ModelConfig;
import fovea.models.Models;
import fovea.nn.Module;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the commands: turning a bad argument into picocli's one-line usage error (exit code 2). */
final class Cli {
    private Cli() {}

    /**
     * The named model, or the model an architecture pattern describes (anything with '-', '(' or '['), or a usage
     * error listing the legal names or pointing into the pattern.
     */
    static Module model(CommandSpec spec, String name, ModelConfig config, RandomGenerator random) {
        if (isPattern(name)) {
            try {
                return ArchitecturePattern.parse(name, config, random);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        checkModel(spec, name);
        return Models.create(name, config, random);
    }

    /**
     * A usage error "OPTION must be EXPECTED; got VALUE" unless {@code ok}. The commands check every number they
     * were given this way before they read any data, so that a typo costs no waiting.
     */
    static void require(CommandSpec spec, boolean ok, String option, String expected, Object value) {
        if (!ok) throw new CommandLine.ParameterException(spec.commandLine(), option + " must be " + expected + "; got " + value);
    }

    /** Checks {@code --threads} (>= 1) when it was given and sets the kernels' thread count to it. */
    static void threads(CommandSpec spec, Integer threads) {
        if (threads == null) return;
        atLeast(spec, "--threads", threads, 1);
        fovea.kernel.Parallel.setThreads(threads);
    }

    /** A usage error unless {@code value >= min}. */
    static void atLeast(CommandSpec spec, String option, long value, long min) {
        require(spec, value >= min, option, ">= " + min, value);
    }

    /** A usage error unless {@code value} is a finite number >= {@code min}. */
    static void atLeast(CommandSpec spec, String option, double value, double min) {
        require(spec, value >= min && Double.isFinite(value), option, "a finite number >= " + number(min), number(value));
    }

    /** A usage error unless {@code value} is a finite number > {@code min}. */
    static void above(CommandSpec spec, String option, double value, double min) {
        require(spec, value > min && Double.isFinite(value), option, "a finite number > " + number(min), number(value));
    }

    /** A usage error unless {@code low <= value < high}, as a probability or a fraction: "in [0, 1)". */
    static void inRange(CommandSpec spec, String option, double value, double low, double high) {
        require(spec, value >= low && value < high, option, "in [" + number(low) + ", " + number(high) + ")", number(value));
    }

    /** A float option widened to double, printed as the float it was (0.1, not 0.10000000149011612); 1 not 1.0. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return (double) (float) value == value ? Float.toString((float) value) : Double.toString(value);
    }

    /** True for an architecture pattern rather than a model name. */
    static boolean isPattern(String name) {
        return name.contains("-") || name.contains("(") || name.contains("[");
    }

    /** A usage error listing the legal names unless {@code name} is a registered model or a pattern. */
    static void checkModel(CommandSpec spec, String name) {
        if (isPattern(name)) return;
        boolean known = Models.entries().stream().anyMatch(entry -> entry.name().equals(name));
        if (!known) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + name + "'; expected one of "
                    + String.join(", ", Models.entries().stream().map(Models.Entry::name).toList()));
        }
    }
}
