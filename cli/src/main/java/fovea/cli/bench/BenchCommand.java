package fovea.cli.bench;

import fovea.cli.bench.GemmCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea bench}: side-by-side speed measurements, one subcommand per kernel family. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = GemmCommand.class,
        description = "Measure Fovea's kernels beside a reference, on this machine.")
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is required; expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
