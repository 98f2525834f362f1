package fovea.cli.vision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea scenes}: data with masks and boxes; {@code fovea scenes make} writes Fashion scenes. */
@Command(name = "scenes", mixinStandardHelpOptions = true, subcommands = ScenesMakeCommand.class,
        description = "Scenes with masks and boxes, for segmentation and detection.")
public final class ScenesCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required; expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
