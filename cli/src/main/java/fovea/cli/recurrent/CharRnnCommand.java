package fovea.cli.recurrent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea charrnn}: a character-level language model; {@code train} on a text file, {@code sample} from it. */
@Command(name = "charrnn", mixinStandardHelpOptions = true, subcommands = {CharRnnTrainCommand.class, CharRnnSampleCommand.class},
        description = {"Character-level language models (char-rnn): train and sample.",
            "Train one on any text, then sample from it with a temperature."})
public final class CharRnnCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required; expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
