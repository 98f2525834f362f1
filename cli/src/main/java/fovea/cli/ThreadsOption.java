package fovea.cli;

import fovea.kernel.Parallel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads N}: the kernels' thread count for the run, all cores unless given. */
public final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--threads", description = "threads for the kernels (default: all cores)")
    private Integer threads;

    /** Checks {@code --threads} (>= 1, a usage error otherwise) when it was given and sets the kernels' thread count to it. */
    public void apply() {
        if (threads == null) return;
        Cli.atLeast(command, "--threads", threads, 1);
        Parallel.setThreads(threads);
    }
}
