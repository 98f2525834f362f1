package fovea.cli;

import fovea.cli.autograd.DemoCommand;
import fovea.cli.bench.BenchCommand;
import fovea.cli.classic.KnnCommand;
import fovea.cli.classic.LinearCommand;
import fovea.cli.classic.SearchCommand;
import fovea.cli.classify.EvalCommand;
import fovea.cli.classify.ModelsCommand;
import fovea.cli.classify.PredictCommand;
import fovea.cli.classify.SummaryCommand;
import fovea.cli.classify.TrainCommand;
import fovea.cli.classify.TransferCommand;
import fovea.cli.recurrent.CharRnnCommand;
import fovea.cli.recurrent.RnnCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fovea} command: one subcommand per job, each with {@code --help}. Main registers the commands of the
 * job packages ({@code fovea.cli.classify}, {@code classic}, {@code recurrent}, {@code autograd}, {@code bench}), the
 * one class of {@code fovea.cli} that imports them; the other classes here are what the jobs share.
 */
@Command(name = "fovea", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep learning in pure Java: tensors, autograd and a fast CPU engine.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, TransferCommand.class, KnnCommand.class,
            LinearCommand.class, SearchCommand.class, CharRnnCommand.class, RnnCommand.class, DemoCommand.class,
            ModelsCommand.class, SummaryCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code: 0 on success, 2 for a bad option, 1 for a failure. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine line = exception.getCommandLine();
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + exception.getMessage()
                    + " (see '" + line.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + messageOf(exception));
            return 1;
        });
        return commandLine;
    }

    private static String messageOf(Throwable exception) {
        String message = exception.getMessage();
        return message == null ? exception.getClass().getSimpleName() : message;
    }

    /** {@code fovea --version}: the release, the JVM, and the vector width and SGEMM tile the kernels use. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"fovea 0.1.0", "Java " + Runtime.version() + ", " + fovea.kernel.Simd.describe()};
        }
    }

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
