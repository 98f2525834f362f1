package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.ForPeople;
import fovea.cli.JsonReads;
import fovea.cli.MainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea transfer on the Fashion-MNIST sample: the aligned table, the sentence after it, and results.json. */
class TransferCommandTest {
    private static String sample() {
        return Path.of(System.getProperty("fovea.root", ".."), "data", "fashion-mnist-sample").toString();
    }

    @Test void transferComparesTheThreeStrategiesSaysWhyAndWritesResults(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("transfer", "--data", sample(), "--per-class", "10", "--pretrain-epochs", "1",
                "--epochs", "2", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        ForPeople.check(run.out());
        List<String> lines = run.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(line -> line.endsWith("test accuracy")).findFirst().orElseThrow());
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines.get(header + i).matches("  [a-z].* +0\\.\\d{4}"), lines.get(header + i));
            assertEquals(lines.get(header).length(), lines.get(header + i).length(), "the accuracies end under the header:\n"
                    + run.out());
        }
        for (String strategy : List.of("from scratch", "new head on frozen pretrained features",
                "fine-tune the FC layers at lr/10, new head at lr")) {
            assertTrue(run.out().matches("(?s).*\n  " + strategy + " +0\\.\\d{4}\n.*"), run.out());
        }
        String verdict = lines.get(header + 5);
        assertTrue(verdict.startsWith("Transfer wins: ") || verdict.startsWith("Training from scratch "), run.out());
        assertTrue(lines.stream().allMatch(line -> line.length() <= 100 || line.startsWith("source: ")
                || line.startsWith("using ")), "the explanation is wrapped: " + run.out());

        Map<String, Object> results = JsonReads.object(Files.readString(dir.resolve("results.json")));
        assertEquals(50, JsonReads.number(results, "target_size"));
        assertEquals(10, JsonReads.number(results, "per_class"));
        assertEquals(42, JsonReads.number(results, "seed"));
        assertEquals(0.001, JsonReads.number(results, "lr"), 1e-9);
        assertEquals(1e-4, JsonReads.number(results, "tune_lr"), 1e-9);
        assertEquals(2, JsonReads.number(results, "epochs"));
        assertEquals(1, JsonReads.number(results, "pretrain_epochs"));
        assertTrue(JsonReads.number(results, "source_size") > 1000);
        Map<String, Object> accuracy = JsonReads.object(results, "test_accuracy");
        for (String strategy : List.of("scratch", "frozen_features", "fine_tune")) {
            double value = JsonReads.number(accuracy, strategy);
            assertTrue(value > 0 && value <= 1, strategy + " " + value);
            assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "%.4f", value)), strategy + ": " + run.out());
        }
        assertTrue(run.out().contains("run folder: " + dir), run.out());
    }

    @Test void theTuningRateIsChecked() {
        MainTest.Run run = MainTest.run("transfer", "--data", "no-such-folder", "--tune-lr", "-1");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--tune-lr must be a finite number >= 0; got -1"), run.err());
    }
}
