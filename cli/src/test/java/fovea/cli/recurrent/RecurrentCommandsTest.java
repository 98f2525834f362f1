package fovea.cli.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.ForPeople;
import fovea.cli.JsonReads;
import fovea.cli.MainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea rnn gradients and fovea charrnn train/sample end to end, at small sizes. */
class RecurrentCommandsTest {
    @Test void gradientsShowTheRnnVanishingAndTheLstmWithAForgetBiasNot(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("grad");
        MainTest.Run run = MainTest.run("rnn", "gradients", "--steps", "30", "--hidden", "32", "--input", "8",
                "--batch", "4", "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("vanilla RNN"), run.out());
        Map<String, Object> results = JsonReads.object(Files.readString(out.resolve("results.json")));
        assertTrue(JsonReads.number(results, "rnn_first_over_last") < 1e-4, run.out());
        assertTrue(JsonReads.number(results, "lstm_forget_bias_first_over_last") > 1e-2, run.out());
        assertEquals(31, Files.readAllLines(out.resolve("gradients.csv")).size());
        assertTrue(ImageIO.read(out.resolve("gradients.png").toFile()).getWidth() > 500);
        assertTrue(run.out().contains("LSTM forget +3 "), run.out());
        ForPeople.check(run.out());
    }

    @Test void charRnnTrainsOnATextAndSamplesFromIt(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("text.txt");
        Files.writeString(text, "the cat sat on the mat. ".repeat(60));
        Path out = dir.resolve("run");
        MainTest.Run run = MainTest.run("charrnn", "train", "--text", text.toString(), "--hidden", "32", "--layers", "1",
                "--embedding", "8", "--steps", "16", "--batch-size", "8", "--epochs", "3", "--lr", "0.01",
                "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("epoch 3/3"), run.out());
        assertTrue(run.out().contains("model: embedding of 11 characters to 8, LSTM of 1 layer x 32 units, dropout 0.1, "), run.out());
        ForPeople.check(run.out());
        Map<String, Object> results = JsonReads.object(Files.readString(out.resolve("results.json")));
        for (String key : List.of("bits_per_character", "params", "train_seconds", "vocabulary", "epochs")) assertTrue(results.containsKey(key), key);
        // 11 distinct characters: a uniform guess costs log2(11) = 3.46 bits; the repeated phrase is learnt far below
        assertTrue(JsonReads.number(results, "bits_per_character") < 1.5, run.out());

        Path weights = out.resolve("model.safetensors");
        MainTest.Run sample = MainTest.run("charrnn", "sample", "--weights", weights.toString(), "--prime", "the ",
                "--length", "40", "--temperature", "0.5", "--seed", "1");
        assertEquals(0, sample.code(), sample.err());
        assertTrue(sample.out().startsWith("the "), sample.out());
        assertEquals(44, sample.out().replaceAll("\\R$", "").length(), "the prime and 40 characters: " + sample.out());
        MainTest.Run again = MainTest.run("charrnn", "sample", "--weights", weights.toString(), "--prime", "the ",
                "--length", "40", "--temperature", "0.5", "--seed", "1");
        assertEquals(sample.out(), again.out(), "the same seed gives the same text");
        MainTest.Run bad = MainTest.run("charrnn", "sample", "--weights", weights.toString(), "--prime", "xyz");
        assertEquals(2, bad.code(), bad.out());
        // the file says who wrote it: eval, which reads fovea train's models, names the command that reads this one
        MainTest.Run eval = MainTest.run("eval", "--weights", weights.toString());
        assertEquals(2, eval.code(), eval.err());
        assertTrue(eval.err().contains(weights + " was written by fovea charrnn train, not fovea train; read it with "
                + "fovea charrnn sample"), eval.err());
    }

    @Test void aTextThatIsMissingOrNotUtf8IsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.txt");
        MainTest.Run run = MainTest.run("charrnn", "train", "--text", missing.toString());
        assertEquals(1, run.code(), run.err());
        assertEquals("fovea charrnn train: --text: no text file at " + missing, run.err().strip());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xe9});
        MainTest.Run notUtf8 = MainTest.run("charrnn", "train", "--text", latin1.toString());
        assertEquals("fovea charrnn train: --text: " + latin1 + " is not UTF-8 text; expected UTF-8, such as a plain .txt "
                + "file", notUtf8.err().strip());
    }
}
