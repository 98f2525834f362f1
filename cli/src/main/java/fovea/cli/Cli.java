package fovea.cli;

import fovea.models.ModelConfig;
import fovea.models.Models;
import fovea.nn.Module;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the commands: turning a bad argument into picocli's one-line usage error (exit code 2). */
final class Cli {
    private Cli() {}

    /** The named model, or a usage error listing the legal names. */
    static Module model(CommandSpec spec, String name, ModelConfig config, RandomGenerator random) {
        checkModel(spec, name);
        return Models.create(name, config, random);
    }

    /** A usage error listing the legal names unless {@code name} is a registered model. */
    static void checkModel(CommandSpec spec, String name) {
        boolean known = Models.entries().stream().anyMatch(entry -> entry.name().equals(name));
        if (!known) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + name + "'; expected one of "
                    + String.join(", ", Models.entries().stream().map(Models.Entry::name).toList()));
        }
    }
}
