package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.Fixtures;
import fovea.cli.MainTest;
import fovea.io.Json;
import fovea.io.Safetensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea train, eval and predict on data beyond Fashion-MNIST: CIFAR-10's binary files and image folders the test writes. */
class DataSpecTest {
    @TempDir Path dir;

    private Path cifar() throws IOException {
        return Fixtures.cifar(dir.resolve("cifar"));
    }

    private Path folder(String name, boolean colour, int perClass) throws IOException {
        return Fixtures.folder(dir.resolve(name), colour, perClass);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> results(Path run) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(run.resolve("results.json")));
    }

    @Test void cifar10TrainsAColourModelThatEvalAndPredictReadBack() throws Exception {
        Path out = dir.resolve("run-cifar");
        MainTest.Run run = MainTest.run("train", "--data", "cifar10:" + cifar(), "--model", "mlp", "--epochs", "3",
                "--validation", "0", "--batch-size", "20", "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("CIFAR-10"), run.out());
        Map<String, Object> results = results(out);
        assertEquals("cifar10", results.get("dataset"));
        assertTrue((Double) results.get("test_accuracy") > 0.5, "a band per class is easy to learn: " + results);
        Map<String, String> metadata = Safetensors.read(out.resolve("model.safetensors")).metadata();
        assertEquals("3x32x32", metadata.get("input_shape"));
        assertTrue(metadata.get("classes").startsWith("airplane\nautomobile"), metadata.toString());

        // eval finds the data set and the classes in the weights' metadata
        MainTest.Run eval = MainTest.run("eval", "--weights", out.resolve("model.safetensors").toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.4f", (Double) results.get("test_accuracy"))),
                eval.out());
        assertTrue(eval.out().contains("automobile"), eval.out());

        BufferedImage truck = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 27; y < 30; y++) for (int x = 0; x < 32; x++) truck.setRGB(x, y, 0xE6E6E6);
        Path image = dir.resolve("truck.png");
        Fixtures.save(image, truck);
        MainTest.Run predict = MainTest.run("predict", "--weights", out.resolve("model.safetensors").toString(), image.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().contains(": ") && predict.out().matches("(?s).*(airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck) \\d\\.\\d{4}.*"),
                predict.out());
    }

    @Test void greyAndColourImageFoldersTrainAtTheImageSizeGiven() throws Exception {
        for (boolean colour : new boolean[] {false, true}) {
            Path data = folder(colour ? "colour" : "grey", colour, 6);
            Path out = dir.resolve("run-" + colour);
            MainTest.Run run = MainTest.run("train", "--data", "folder:" + data, "--image-size", "16", "--model", "mlp",
                    "--epochs", "4", "--validation", "0", "--batch-size", "4", "--out", out.toString());
            assertEquals(0, run.code(), run.err() + run.out());
            Map<String, String> metadata = Safetensors.read(out.resolve("model.safetensors")).metadata();
            assertEquals((colour ? "3" : "1") + "x16x16", metadata.get("input_shape"));
            assertEquals("plain\nstripes", metadata.get("classes"));
            assertEquals("folder", results(out).get("dataset"));
            assertTrue((Double) results(out).get("test_accuracy") >= 0.75, results(out).toString());
            MainTest.Run eval = MainTest.run("eval", "--weights", out.resolve("model.safetensors").toString());
            assertEquals(0, eval.code(), eval.err());
            assertTrue(eval.out().contains("stripes"), eval.out());
        }
    }

    @Test void aCorruptImageAndAnEmptyClassFolderAreOneClearErrorEach() throws Exception {
        Path data = folder("broken", false, 2);
        Path corrupt = data.resolve("train/plain/corrupt.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        MainTest.Run run = MainTest.run("train", "--data", "folder:" + data, "--image-size", "16", "--epochs", "1",
                "--out", dir.resolve("x").toString());
        assertNotEquals(0, run.code());
        assertTrue(run.err().contains("corrupt.png"), run.err());
        assertEquals(1, run.err().lines().filter(l -> !l.isBlank()).count(), "one line: " + run.err());

        Files.delete(corrupt);
        Files.createDirectories(data.resolve("train/empty"));
        Files.createDirectories(data.resolve("test/empty"));
        run = MainTest.run("train", "--data", "folder:" + data, "--image-size", "16", "--epochs", "1",
                "--out", dir.resolve("y").toString());
        assertNotEquals(0, run.code());
        assertTrue(run.err().contains("empty"), run.err());

        MainTest.Run unknown = MainTest.run("train", "--data", "imagenet:" + data, "--epochs", "1");
        assertEquals(2, unknown.code(), unknown.err());
    }
}
