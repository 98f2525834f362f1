package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A bad number is a usage error before anything is read: exit code 2 and one line naming the option, the value and
 * what is expected. The data, text and weights paths given do not exist, so an error about them, not about the
 * option, would mean the command had started reading before it checked.
 */
class OptionChecksTest {
    private static final String NO_DATA = "/nonexistent/fovea-data";
    private static final String NO_FILE = "/nonexistent/fovea-file.safetensors";

    /** Runs {@code args} and checks the exit code 2 and the one line "fovea COMMAND: MESSAGE (see ...)". */
    private static void rejects(String message, String... args) {
        MainTest.Run run = MainTest.run(args);
        String command = "fovea " + String.join(" ", Arrays.asList(args).subList(0, args[0].equals("charrnn")
                || args[0].equals("rnn") ? 2 : 1));
        String shown = String.join(" ", args) + " printed: " + run.err() + run.out();
        assertEquals(2, run.code(), shown);
        assertEquals(command + ": " + message + " (see '" + command + " --help')", run.err().strip(), shown);
    }

    @Test void aMissingDataFolderIsOtherwiseAFailureOfReading() {
        MainTest.Run run = MainTest.run("train", "--data", NO_DATA, "--epochs", "1");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(NO_DATA + ": no such folder"), run.err());
    }

    @Test void trainChecksEveryNumberBeforeReadingTheData() {
        rejects("--lr must be a finite number >= 0; got -1", "train", "--data", NO_DATA, "--lr", "-1");
        rejects("--lr must be a finite number >= 0; got NaN", "train", "--data", NO_DATA, "--lr", "NaN");
        rejects("--lr must be a finite number >= 0; got Infinity", "train", "--data", NO_DATA, "--lr", "Infinity");
        rejects("--epochs must be >= 1; got 0", "train", "--data", NO_DATA, "--epochs", "0");
        rejects("--batch-size must be >= 1; got -3", "train", "--data", NO_DATA, "--batch-size", "-3");
        rejects("--validation must be >= 0; got -1", "train", "--data", NO_DATA, "--validation", "-1");
        rejects("--weight-decay must be a finite number >= 0; got -0.1", "train", "--data", NO_DATA, "--weight-decay", "-0.1");
        rejects("--threads must be >= 1; got 0", "train", "--data", NO_DATA, "--threads", "0");
        rejects("--resume: no checkpoint file at " + NO_FILE, "train", "--data", NO_DATA, "--resume", NO_FILE);
        // an architecture pattern is built before the data is read, and the numbers are checked before it
        rejects("--epochs must be >= 1; got 0", "train", "--data", NO_DATA, "--arch", "FC10", "--epochs", "0");
    }

    @Test void evalAndPredictCheckTheirOptionsBeforeReadingTheWeights() {
        rejects("unknown --tta 'twenty'; expected none, flips or tencrop", "eval", "--weights", NO_FILE, "--data", NO_DATA,
                "--tta", "twenty");
        // the upper bound is the class count, which the weights' metadata gives
        rejects("--top must be >= 1; got 0", "predict", "--weights", NO_FILE, "--top", "0", "image.png");
    }

    @Test void theClassicCommandsCheckBeforeReadingTheData() {
        rejects("--k must be >= 1; got 0", "knn", "--data", NO_DATA, "--k", "1,0");
        rejects("--folds must be >= 2; got 1", "knn", "--data", NO_DATA, "--folds", "1");
        rejects("--limit-test must be >= 1; got 0", "knn", "--data", NO_DATA, "--limit-test", "0");
        rejects("--threads must be >= 1; got -2", "knn", "--data", NO_DATA, "--threads", "-2");
        rejects("--threads must be >= 1; got 0", "linear", "--data", NO_DATA, "--threads", "0");
        rejects("--threads must be >= 1; got 0", "search", "--data", NO_DATA, "--threads", "0");
        rejects("--preprocess pca:0: expected a number of components >= 1; got '0'", "knn", "--data", NO_DATA,
                "--preprocess", "pca:0");
        rejects("--lr must be a finite number > 0; got 0", "linear", "--data", NO_DATA, "--lr", "0");
        rejects("--reg must be a finite number >= 0; got -0.001", "linear", "--data", NO_DATA, "--reg", "-1e-3");
        rejects("--iterations must be >= 1; got 0", "linear", "--data", NO_DATA, "--iterations", "0");
        rejects("--limit-train must be >= 1; got 0", "linear", "--data", NO_DATA, "--limit-train", "0");
        rejects("--keep must be >= 1; got 0", "search", "--data", NO_DATA, "--keep", "0");
        rejects("--fine-trials must be >= 0; got -1", "search", "--data", NO_DATA, "--fine-trials", "-1");
        rejects("--validation must be >= 1; got 0", "search", "--data", NO_DATA, "--validation", "0");
        rejects("--lr-range: expected LOW:HIGH with 0 < LOW <= HIGH; got '1e-4:Infinity'", "search", "--data", NO_DATA,
                "--lr-range", "1e-4:Infinity");
    }

    @Test void transferAndTheRecurrentCommandsCheckBeforeReading() {
        rejects("--per-class must be >= 1; got 0", "transfer", "--data", NO_DATA, "--per-class", "0");
        rejects("--lr must be a finite number >= 0; got -0.5", "transfer", "--data", NO_DATA, "--lr", "-0.5");
        String noText = "/nonexistent/fovea-text.txt";
        rejects("--dropout must be in [0, 1); got 1", "charrnn", "train", "--text", noText, "--dropout", "1");
        rejects("--validation must be in (0, 1); got 0", "charrnn", "train", "--text", noText, "--validation", "0");
        rejects("--clip must be a finite number >= 0; got -5", "charrnn", "train", "--text", noText, "--clip", "-5");
        rejects("--temperature must be a finite number > 0; got 0", "charrnn", "train", "--text", noText, "--temperature", "0");
        rejects("--hidden must be >= 1; got 0", "charrnn", "train", "--text", noText, "--hidden", "0");
        rejects("--threads must be >= 1; got 0", "charrnn", "train", "--text", noText, "--threads", "0");
        rejects("unknown --cell 'transformer'; expected lstm, gru or rnn", "charrnn", "train", "--text", noText,
                "--cell", "transformer");
        rejects("--length must be >= 0; got -1", "charrnn", "sample", "--weights", NO_FILE, "--length", "-1");
        rejects("--steps must be >= 2; got 1", "rnn", "gradients", "--steps", "1");
        rejects("--classes must be >= 2; got 1", "summary", "mlp", "--classes", "1");
    }
}
