package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.JsonReads;
import fovea.cli.MainTest;
import fovea.data.FashionMnist;
import fovea.io.Checkpoint;
import fovea.io.Safetensors;
import fovea.models.ModelConfig;
import fovea.models.Models;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eval and predict given the wrong file: each mistake is one line naming the file and what was expected; a
 * checkpoint is read as its model; test-time views the model never saw in training are warned of.
 */
class WeightsFilesTest {
    private static String sample() {
        return Path.of(System.getProperty("fovea.root", ".."), "data", "fashion-mnist-sample").toString();
    }

    /** An untrained mlp as fovea train writes it (trained with {@code augment}, or recording none when null). */
    private static Path mlp(Path dir, String augment) throws Exception {
        Map<String, String> metadata = new HashMap<>(WeightsOptions.metadata("mlp", "fashion-mnist", "fashion-mnist:"
                + sample(), new int[] {1, 28, 28}, FashionMnist.CLASSES, augment == null ? "" : augment));
        if (augment == null) metadata.remove(WeightsOptions.AUGMENT);
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, state(), metadata);
        return file;
    }

    private static Map<String, Tensor> state() {
        return Models.create("mlp", ModelConfig.fashionMnist(), new Generator(1)).stateDict();
    }

    /** Runs {@code args}: exit code {@code code}, one line on stderr, returned. */
    private static String fails(int code, String... args) {
        MainTest.Run run = MainTest.run(args);
        assertEquals(code, run.code(), run.err() + run.out());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        return run.err().strip();
    }

    @Test void aMissingOrWrongFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path weights = mlp(dir, "");
        Path missing = dir.resolve("no-such.png");
        assertEquals("fovea predict: no image file at " + missing + " (see 'fovea predict --help')",
                fails(2, "predict", "--weights", weights.toString(), missing.toString()));
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        assertEquals("fovea predict: " + text + ": not a PNG or JPEG image this JDK can read",
                fails(1, "predict", "--weights", weights.toString(), text.toString()));
        Path noWeights = dir.resolve("none.safetensors");
        assertEquals("fovea eval: --weights: no file at " + noWeights + "; expected the model.safetensors (or "
                + "checkpoint.safetensors) of a run folder (see 'fovea eval --help')", fails(2, "eval", "--weights",
                noWeights.toString()));
        assertTrue(fails(2, "predict", "--weights", text.toString(), text.toString())
                .startsWith("fovea predict: --weights: " + text + " is not a safetensors file ("));
    }

    @Test void weightsOfAnotherCommandNameTheCommandThatReadsThem(@TempDir Path dir) throws Exception {
        Path charrnn = dir.resolve("charrnn.safetensors");
        Safetensors.write(charrnn, state(), Map.of("model", "charrnn", "vocabulary", "ab"));   // before written_by
        assertEquals("fovea eval: --weights: " + charrnn + " was written by fovea charrnn train, not fovea train; read "
                + "it with fovea charrnn sample (see 'fovea eval --help')", fails(2, "eval", "--weights", charrnn.toString()));
        Path linear = dir.resolve("linear.safetensors");
        Safetensors.write(linear, state(), Map.of("model", "linear-svm", "written_by", "fovea linear"));
        assertTrue(fails(2, "eval", "--weights", linear.toString()).contains(linear
                + " was written by fovea linear, not fovea train; no fovea command reads it back"));
        Path classifier = mlp(dir, "");
        assertTrue(fails(2, "charrnn", "sample", "--weights", classifier.toString()).contains(classifier
                + " was written by fovea train, not fovea charrnn train; read it with fovea eval or fovea predict"));
    }

    @Test void weightsThatDoNotFitAreSummedUpInOneLineAndListedWithVerbose(@TempDir Path dir) throws Exception {
        Path weights = mlp(dir, "");
        assertEquals("fovea eval: --weights: " + weights + " does not fit lenet5 (the file names the model mlp): 14 "
                + "tensors differ (10 missing, such as features.0.weight; 4 unexpected, such as 1.weight); --verbose lists "
                + "them all (see 'fovea eval --help')", fails(2, "eval", "--weights", weights.toString(), "--model", "lenet5"));
        MainTest.Run verbose = MainTest.run("eval", "--weights", weights.toString(), "--model", "lenet5", "--verbose");
        assertEquals(2, verbose.code());
        assertEquals(15, verbose.err().strip().lines().count(), verbose.err());
        assertTrue(verbose.err().contains("\n  missing: classifier.5.bias\n"), verbose.err());
    }

    @Test void evalReadsACheckpointAsItsModelAndLimitsTheTestImages(@TempDir Path dir) throws Exception {
        Path model = mlp(dir, "flip,crop");
        Map<String, String> metadata = new HashMap<>(Safetensors.read(model).metadata());
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        Checkpoint.write(checkpoint, new Checkpoint(Map.of("model", state(), "generator", Map.of("state",
                Tensor.zeros(4))), 1, 10, metadata));
        MainTest.Run eval = MainTest.run("eval", "--weights", checkpoint.toString(), "--limit-test", "30");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("test images 30\n"), eval.out());
        MainTest.Run tta = MainTest.run("eval", "--weights", checkpoint.toString(), "--limit-test", "30", "--tta", "tencrop");
        assertEquals(0, tta.code(), tta.err());
        assertEquals("", tta.err(), "trained with crop and flip: ten crops show it nothing new");
        assertEquals("fovea eval: --limit-test must be >= 1; got 0 (see 'fovea eval --help')",
                fails(2, "eval", "--weights", checkpoint.toString(), "--limit-test", "0"));
    }

    @Test void testTimeViewsTheTrainingNeverShowedAreWarnedOf(@TempDir Path dir) throws Exception {
        Path weights = mlp(dir, "");
        MainTest.Run tencrop = MainTest.run("eval", "--weights", weights.toString(), "--limit-test", "20", "--tta", "tencrop");
        assertEquals(0, tencrop.code(), tencrop.err());
        assertEquals("fovea eval: warning: --tta tencrop averages shifted and mirrored views, but the model was trained "
                + "without crop and flip (--augment none); unfamiliar views can lower the accuracy", tencrop.err().strip());
        assertTrue(tencrop.out().contains("10 views per image"), "the warning comes first, then the evaluation");
        MainTest.Run flips = MainTest.run("eval", "--weights", mlp(dir, "crop,rotate").toString(), "--limit-test", "20",
                "--tta", "flips");
        assertTrue(flips.err().contains("--tta flips averages mirrored views, but the model was trained without flip "
                + "(--augment crop,rotate)"), flips.err());
        MainTest.Run unrecorded = MainTest.run("eval", "--weights", mlp(dir, null).toString(), "--limit-test", "20",
                "--tta", "flips");
        assertEquals("fovea eval: note: " + weights + " does not record its training augmentations, so whether it saw "
                + "the views of --tta flips cannot be checked", unrecorded.err().strip());
        MainTest.Run plain = MainTest.run("eval", "--weights", weights.toString(), "--limit-test", "20");
        assertEquals("", plain.err());
    }

    @Test void trainLimitsItsTestImagesAndRecordsWhoWroteTheWeights(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        MainTest.Run run = MainTest.run("train", "--data", sample(), "--model", "mlp", "--epochs", "1", "--validation",
                "100", "--limit-train", "300", "--limit-test", "50", "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertEquals(50, JsonReads.number(JsonReads.object(Files.readString(out.resolve("results.json"))), "limit_test"));
        assertEquals("fovea train", Safetensors.read(out.resolve("model.safetensors")).metadata().get("written_by"));
        assertEquals("fovea train", Checkpoint.read(out.resolve("checkpoint.safetensors")).extra().get("written_by"));

        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Path png = dir.resolve("blank.png");
        ImageIO.write(image, "png", png.toFile());
        MainTest.Run predict = MainTest.run("predict", "--weights", out.resolve("checkpoint.safetensors").toString(),
                png.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().startsWith(png + ":  "), predict.out());
    }
}
