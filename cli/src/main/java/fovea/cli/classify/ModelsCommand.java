package fovea.cli.classify;

import fovea.models.Models;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fovea models}: the names of the models {@code --model} accepts, with a line on each. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the models that --model accepts.")
public final class ModelsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Models.entries().stream().mapToInt(entry -> entry.name().length()).max().orElse(1);
        for (Models.Entry entry : Models.entries()) out.printf("%-" + width + "s  %s%n", entry.name(), entry.description());
        out.flush();
    }
}
