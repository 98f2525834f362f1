package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.JsonReads;
import fovea.cli.MainTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea train, eval and predict end to end on the Fashion-MNIST sample shipped in the repository. */
class TrainCommandTest {
    private static String sample() {
        return Path.of(System.getProperty("fovea.root", ".."), "data", "fashion-mnist-sample").toString();
    }

    @Test void trainWritesTheRunFolderThenEvalAndPredictReadIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        MainTest.Run run = MainTest.run("train", "--data", sample(), "--epochs", "2", "--validation", "500",
                "--out", out.toString(), "--seed", "3");
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("epoch 2/2"), run.out());
        for (String file : List.of("model.safetensors", "checkpoint.safetensors", "history.csv", "history.json",
                "curves.png", "diagnostics.txt", "results.json")) {
            assertTrue(Files.size(out.resolve(file)) > 0 || file.equals("diagnostics.txt"), file);
        }
        Map<String, Object> results = JsonReads.object(Files.readString(out.resolve("results.json")));
        for (String key : List.of("model", "dataset", "epochs", "batch_size", "optimizer", "lr", "seed", "params",
                "test_accuracy", "test_loss", "train_seconds", "epoch_seconds")) {
            assertTrue(results.containsKey(key), key);
        }
        assertEquals(2, JsonReads.list(results, "epoch_seconds").size());
        // the main job's model, LeNet-5, trains with Adam at twice Adam's default rate
        assertEquals("lenet5", JsonReads.string(results, "model"));
        assertEquals(0.002, JsonReads.number(results, "lr"), 1e-9);
        double accuracy = JsonReads.number(results, "test_accuracy");
        assertTrue(accuracy > 0.6 && accuracy <= 1, "2 epochs on 3500 images learn something: " + accuracy);
        assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size());
        assertTrue(ImageIO.read(out.resolve("curves.png").toFile()).getWidth() > 500);
        // a healthy run: each figure printed once, no warning; every epoch's figures in diagnostics.txt
        assertTrue(!run.out().contains("warning:"), run.out());
        for (String figure : List.of("check: loss at initialization", "check: update/weight ratio", "check: dead ReLU units")) {
            assertEquals(1, run.out().lines().filter(l -> l.startsWith(figure)).count(), run.out());
        }
        String diagnostics = Files.readString(out.resolve("diagnostics.txt"));
        assertTrue(diagnostics.startsWith("shown during the run:\n  check: loss at initialization"), diagnostics);
        assertTrue(diagnostics.matches("(?s).*dead ReLU units after each epoch, on a training batch \\(\\* warns\\)\nepoch +1 +2\n"
                + "features\\.1 .*"), diagnostics);
        assertTrue(diagnostics.matches("(?s).*\nclassifier\\.5\\.weight +\\d\\.\\de-0\\d +\\d\\.\\de-0\\d\n.*"), diagnostics);

        MainTest.Run eval = MainTest.run("eval", "--weights", out.resolve("model.safetensors").toString(), "--data", sample());
        assertEquals(0, eval.code(), eval.err());
        // the confusion matrix's columns are numbered as its rows are
        assertTrue(eval.out().matches("(?s).*\n +0    1    2    3    4    5    6    7    8    9\n 0 T-shirt/top +0\\.\\d{4} .*"
                + "\n 9 Ankle boot +0\\.\\d{4} .*"), eval.out());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.4f", accuracy)), eval.out());
        // the model's name comes from the file's metadata; test-time augmentation averages over the ten crops
        MainTest.Run tta = MainTest.run("eval", "--weights", out.resolve("model.safetensors").toString(), "--data", sample(),
                "--tta", "tencrop");
        assertEquals(0, tta.code(), tta.err());
        assertTrue(tta.out().contains("10 views per image"), tta.out());
        double ttaAccuracy = Double.parseDouble(tta.out().lines().filter(l -> l.startsWith("accuracy ")).findFirst()
                .orElseThrow().substring(9));
        assertTrue(Math.abs(ttaAccuracy - accuracy) < 0.1, "ten crops of a trained model score near its plain accuracy: "
                + ttaAccuracy + " vs " + accuracy);
        assertEquals(2, MainTest.run("eval", "--weights", out.resolve("model.safetensors").toString(), "--tta", "twenty")
                .code());

        BufferedImage trouser = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 2; y < 26; y++) {
            for (int x = 8; x < 13; x++) trouser.getRaster().setSample(x, y, 0, 200);
            for (int x = 15; x < 20; x++) trouser.getRaster().setSample(x, y, 0, 200);
        }
        Path image = dir.resolve("trouser.png");
        ImageIO.write(trouser, "png", image.toFile());
        MainTest.Run predict = MainTest.run("predict", "--weights", out.resolve("model.safetensors").toString(),
                "--top", "2", image.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().startsWith(image + ":  "), predict.out());
        assertEquals(2, predict.out().split("  ").length - 1, predict.out());
    }

    @Test void resumingFromTheCheckpointContinuesTheRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        // a plateau schedule has state of its own: it travels in the checkpoint and resumes with the run
        assertEquals(0, MainTest.run("train", "--data", sample(), "--epochs", "1", "--validation", "500",
                "--schedule", "plateau", "--out", out.toString()).code());
        MainTest.Run resumed = MainTest.run("train", "--data", sample(), "--epochs", "2", "--validation", "500",
                "--schedule", "plateau", "--out", out.toString(), "--resume", out.resolve("checkpoint.safetensors").toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming from") && resumed.out().contains("after epoch 1"), resumed.out());
        assertTrue(resumed.out().contains("epoch 2/2") && !resumed.out().contains("epoch 1/2"), resumed.out());
        assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size(), "the history continues");
    }

    @Test void aCheckpointAloneContinuesItsRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Path checkpoint = out.resolve("checkpoint.safetensors");
        assertEquals(0, MainTest.run("train", "--data", sample(), "--model", "mlp", "--epochs", "1", "--validation", "500",
                "--lr", "0.002", "--augment", "flip", "--limit-train", "1000", "--out", out.toString()).code());
        // no options repeated: the model, data, learning rate, augmentation and limit come from the checkpoint
        MainTest.Run resumed = MainTest.run("train", "--resume", checkpoint.toString(), "--epochs", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("training mlp") && resumed.out().contains("on 1000 images")
                && resumed.out().contains("lr 0.002"), resumed.out());
        assertTrue(resumed.out().contains("run folder: " + out.toAbsolutePath()), "the run's own folder: " + resumed.out());
        Map<String, Object> results = JsonReads.object(Files.readString(out.resolve("results.json")));
        assertEquals("mlp", JsonReads.string(results, "model"));
        assertEquals("flip", JsonReads.string(results, "augment"));
        assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size(), "two epochs in the history");

        MainTest.Run contradicted = MainTest.run("train", "--resume", checkpoint.toString(), "--epochs", "3",
                "--model", "lenet5", "--lr", "0.002");
        assertEquals(2, contradicted.code());
        assertTrue(contradicted.err().contains("--model mlp in the run; got --model lenet5")
                && !contradicted.err().contains("--lr"), contradicted.err());
        MainTest.Run complete = MainTest.run("train", "--resume", checkpoint.toString());
        assertEquals(2, complete.code());
        assertTrue(complete.err().contains("is complete after 2 epochs; give --epochs N with N > 2"), complete.err());
        // eval reads the run's weights without being told the model
        MainTest.Run eval = MainTest.run("eval", "--weights", out.resolve("model.safetensors").toString(), "--data", sample());
        assertEquals(0, eval.code(), eval.err());
        // the confusion matrix's columns are numbered as its rows are
        assertTrue(eval.out().matches("(?s).*\n +0    1    2    3    4    5    6    7    8    9\n 0 T-shirt/top +0\\.\\d{4} .*"
                + "\n 9 Ankle boot +0\\.\\d{4} .*"), eval.out());
    }

    @Test void theOverfitCheckIsKeptInTheRunFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        MainTest.Run run = MainTest.run("train", "--data", sample(), "--model", "mlp", "--epochs", "1", "--validation", "500",
                "--limit-train", "200", "--overfit-check", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        String line = run.out().lines().filter(l -> l.startsWith("overfit check: ")).findFirst().orElseThrow();
        assertEquals(line, Files.readAllLines(out.resolve("diagnostics.txt")).get(0));
        Map<String, Object> check = JsonReads.object(JsonReads.object(Files.readString(out.resolve("results.json"))),
                "overfit_check");
        assertEquals(line.startsWith("overfit check: passed"), check.get("passed"));
        assertEquals(20.0, check.get("images"));
    }

    @Test void everyAugmentationTrainsAndPcaNoiseRefusesGrayscaleImages(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        MainTest.Run run = MainTest.run("train", "--data", sample(), "--epochs", "1", "--validation", "3500",
                "--augment", "flip,crop,rotate,translate,jitter", "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        Map<String, Object> results = JsonReads.object(Files.readString(out.resolve("results.json")));
        assertEquals("flip,crop,rotate,translate,jitter", JsonReads.string(results, "augment"));

        MainTest.Run help = MainTest.run("train", "--help");
        assertTrue(help.out().contains("up to 10%") && !help.out().contains("%%"), help.out());

        MainTest.Run pca = MainTest.run("train", "--data", sample(), "--augment", "flip,pca");
        assertEquals(2, pca.code(), pca.err());
        assertEquals(1, pca.err().strip().lines().count(), pca.err());
        assertTrue(pca.err().contains("--augment pca needs colour (RGB) images") && pca.err().contains("[1, 28, 28]"),
                pca.err());
    }

    @Test void trainWithAnArchitecturePattern(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("train", "--data", sample(), "--epochs", "1", "--validation", "500",
                "--arch", "(CONV3x8-RELU-POOL)*2-FC10", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("training (CONV3x8-RELU-POOL)*2-FC10"), run.out());
        MainTest.Run bad = MainTest.run("train", "--arch", "(CONV3x8-RELU-POOL*2-FC10");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("expected ')' at position"), bad.err());
    }

    @Test void badTrainOptionsAreOneLineWithExitCode2() {
        for (String[] args : new String[][] {{"train", "--optimizer", "adamax"}, {"train", "--schedule", "daily"},
            {"train", "--augment", "mixup"}, {"train", "--model", "vgg"}, {"train", "--epochs", "x"}}) {
            MainTest.Run run = MainTest.run(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
    }
}
