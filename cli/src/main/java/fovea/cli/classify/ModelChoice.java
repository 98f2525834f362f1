package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.models.ArchitecturePattern;
import fovea.models.ModelConfig;
import fovea.models.Models;
import fovea.nn.Module;
import java.util.List;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The model {@code --model}, {@code --arch} or {@code MODEL} names: a name from core's {@link Models} or an
 * architecture pattern; a bad one is a usage error (exit code 2).
 */
final class ModelChoice {
    private ModelChoice() {}

    /**
     * The named model, or the model an architecture pattern describes (anything with '-', '(' or '['), or a usage
     * error listing the legal names or pointing into the pattern.
     */
    static Module create(CommandSpec spec, String name, ModelConfig config, RandomGenerator random) {
        if (isPattern(name)) {
            try {
                return ArchitecturePattern.parse(name, config, random);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        check(spec, name);
        return Models.create(name, config, random);
    }

    /** True for an architecture pattern rather than a model name. */
    static boolean isPattern(String name) {
        return name.contains("-") || name.contains("(") || name.contains("[");
    }

    /**
     * A usage error unless {@code name} is a registered model or a pattern: it names the models close to it
     * ("resnet": resnet18, resnet34 ...), or all of them when none is.
     */
    static void check(CommandSpec spec, String name) {
        if (isPattern(name)) return;
        List<String> names = Models.entries().stream().map(Models.Entry::name).toList();
        if (!names.contains(name)) throw Cli.unknown(spec, "model", name, names);
    }
}
