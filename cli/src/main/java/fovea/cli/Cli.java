package fovea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the commands: turning a bad argument into picocli's one-line usage error (exit code 2). */
public final class Cli {
    private Cli() {}

    /**
     * A usage error "OPTION must be EXPECTED; got VALUE" unless {@code ok}. The commands check every number they
     * were given this way before they read any data, so that a typo costs no waiting.
     */
    public static void require(CommandSpec spec, boolean ok, String option, String expected, Object value) {
        if (!ok) throw new CommandLine.ParameterException(spec.commandLine(), option + " must be " + expected + "; got " + value);
    }

    /** A usage error unless {@code value >= min}. */
    public static void atLeast(CommandSpec spec, String option, long value, long min) {
        require(spec, value >= min, option, ">= " + min, value);
    }

    /** A usage error unless {@code value} is a finite number >= {@code min}. */
    public static void atLeast(CommandSpec spec, String option, double value, double min) {
        require(spec, value >= min && Double.isFinite(value), option, "a finite number >= " + number(min), number(value));
    }

    /** A usage error unless {@code value} is a finite number > {@code min}. */
    public static void above(CommandSpec spec, String option, double value, double min) {
        require(spec, value > min && Double.isFinite(value), option, "a finite number > " + number(min), number(value));
    }

    /** A usage error unless {@code low <= value < high}, as a probability or a fraction: "in [0, 1)". */
    public static void inRange(CommandSpec spec, String option, double value, double low, double high) {
        require(spec, value >= low && value < high, option, "in [" + number(low) + ", " + number(high) + ")", number(value));
    }

    /** A float option widened to double, printed as the float it was (0.1, not 0.10000000149011612); 1 not 1.0. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return (double) (float) value == value ? Float.toString((float) value) : Double.toString(value);
    }
}
