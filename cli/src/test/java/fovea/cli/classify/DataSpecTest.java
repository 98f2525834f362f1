package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.MainTest;
import fovea.io.Json;
import fovea.io.Safetensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea train, eval and predict on data beyond Fashion-MNIST: CIFAR-10's binary files and image folders the test writes. */
class DataSpecTest {
    @TempDir Path dir;

    /** CIFAR-10 records whose class shows in the picture: class c has a bright band at row 3c. */
    private static byte[] cifarRecords(int count, Random random) {
        byte[] bytes = new byte[count * 3073];
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            bytes[i * 3073] = (byte) label;
            for (int p = 0; p < 3072; p++) {
                int row = (p % 1024) / 32;
                bytes[i * 3073 + 1 + p] = (byte) (row / 3 == label ? 230 : random.nextInt(60));
            }
        }
        return bytes;
    }

    private Path cifar() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cifar"));
        Random random = new Random(1);
        for (int b = 1; b <= 5; b++) Files.write(folder.resolve("data_batch_" + b + ".bin"), cifarRecords(40, random));
        Files.write(folder.resolve("test_batch.bin"), cifarRecords(50, random));
        Files.writeString(folder.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
        return folder;
    }

    private void save(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        assertTrue(ImageIO.write(image, format, file.toFile()), format);
    }

    /** A class folder pair: "stripes" images have a bright upper half, "plain" ones a dark one. */
    private Path folder(String name, boolean colour, int perClass) throws IOException {
        Path root = dir.resolve(name);
        Random random = new Random(2);
        for (String part : new String[] {"train", "test"}) {
            for (String label : new String[] {"plain", "stripes"}) {
                for (int i = 0; i < perClass; i++) {
                    int size = 20 + random.nextInt(12);                 // different sizes, resized to --image-size
                    BufferedImage image = new BufferedImage(size, size, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            int level = label.equals("stripes") && y < size / 2 ? 220 : 20 + random.nextInt(30);
                            image.setRGB(x, y, colour ? (level << 16) | (level / 2 << 8) | 40 : level * 0x010101);
                        }
                    }
                    save(root.resolve(part).resolve(label).resolve(i + (i % 2 == 0 ? ".png" : ".jpg")), image);
                }
            }
        }
        return root;
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
        save(image, truck);
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
