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
import fovea.cli.vision.ScenesCommand;
import java.util.Arrays;
import java.util.List;
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
            ModelsCommand.class, SummaryCommand.class, ScenesCommand.class, BenchCommand.class})
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
        commandLine.setHelpFactory(HelpFormat.factory(HelpFormat::terminalWidth));
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine line = exception.getCommandLine();
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + usageMessage(exception)
                    + " (see '" + line.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + messageOf(exception));
            return 1;
        });
        return commandLine;
    }

    /**
     * picocli's message, except for a word it could not match: a misspelt command or option is named with the ones
     * close to it ("unknown command 'trian'; did you mean train?"), or with all of them when none is close.
     */
    private static String usageMessage(CommandLine.ParameterException exception) {
        if (!(exception instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return exception.getMessage();
        }
        CommandLine.Model.CommandSpec spec = exception.getCommandLine().getCommandSpec();
        String first = unmatched.getUnmatched().get(0);
        if (first.matches("--?[^-0-9].*")) {
            List<String> names = spec.options().stream().flatMap(option -> Arrays.stream(option.names())).toList();
            return Cli.unknownName("option", first.split("=", 2)[0], names);
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return Cli.unknownName("command", first, spec.subcommands().keySet());
        }
        return "unexpected argument '" + first + "'" + (spec.positionalParameters().isEmpty() ? "; " + spec.qualifiedName()
                + " takes only options" : "");
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
