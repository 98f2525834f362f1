package fovea.cli.recurrent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea rnn}: demonstrations of recurrent networks; {@code fovea rnn gradients} shows vanishing gradients. */
@Command(name = "rnn", mixinStandardHelpOptions = true, subcommands = RnnGradientsCommand.class,
        description = "Recurrent networks, made visible.")
public final class RnnCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required; expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
