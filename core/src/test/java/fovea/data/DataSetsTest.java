package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry reads files the test writes in each format: CIFAR-10 binary records, IDX files, PNG and JPEG
 * folders of grey and colour images, a corrupt image, an empty class, and the Fashion-MNIST sample.
 */
class DataSetsTest {
    @TempDir Path dir;

    private static DataSets.Options options() {
        return DataSets.Options.defaults().withSources(new FashionMnist.Sources(null, null, null, null, null));
    }

    // ---- CIFAR-10 ----

    /** CIFAR-10 records; image i of a file has red bytes r0 + i, green 100 + i, blue 200 + i. */
    private static byte[] cifarRecords(int r0, int... labels) {
        byte[] bytes = new byte[labels.length * 3073];
        for (int i = 0; i < labels.length; i++) {
            bytes[i * 3073] = (byte) labels[i];
            for (int p = 0; p < 3072; p++) bytes[i * 3073 + 1 + p] = (byte) (p < 1024 ? r0 + i : p / 1024 * 100 + i);
        }
        return bytes;
    }

    private Path cifar(Path folder, String meta) throws IOException {
        Files.createDirectories(folder);
        for (int b = 1; b <= 5; b++) Files.write(folder.resolve("data_batch_" + b + ".bin"), cifarRecords(10 * b, b, 9 - b));
        Files.write(folder.resolve("test_batch.bin"), cifarRecords(70, 3, 0, 9));
        if (meta != null) Files.writeString(folder.resolve("batches.meta.txt"), meta);
        return folder;
    }

    @Test void cifar10ReadsTheBinaryBatchesAndTheClassNamesOfBatchesMeta() throws IOException {
        // The real file ends with blank lines; other names than the standard ones prove they come from the file.
        String meta = "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\nlorry\n\n";
        Path folder = cifar(dir.resolve("cifar"), meta);
        DataSets.Data data = DataSets.open("cifar10:" + folder, options());
        assertEquals("cifar10", data.name());
        assertArrayEquals(new int[] {3, 32, 32}, data.inputShape());
        assertEquals(List.of("plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "lorry"), data.classes());
        assertEquals(10, data.train().size());
        assertEquals(3, data.test().size());
        assertArrayEquals(new float[] {1, 8, 2, 7, 3, 6, 4, 5, 5, 4}, data.train().labels().toArray());
        assertArrayEquals(new float[] {3, 0, 9}, data.test().labels().toArray());
        Example example = data.train().get(3);   // batch 2's second image: red 21, green 101, blue 201
        assertEquals(21 / 255f, example.features().get(0, 31, 0));
        assertEquals(101 / 255f, example.features().get(1, 0, 31));
        assertEquals(201 / 255f, example.features().get(2, 16, 16));
        assertEquals("CIFAR-10 from " + folder + ": 10 training and 3 test images of 3x32x32 in 10 classes (names from "
                + "batches.meta.txt)", data.description());
    }

    @Test void cifar10FindsTheArchivesFolderAndFallsBackToTheStandardNames() throws IOException {
        cifar(dir.resolve("cifar-10-batches-bin"), null);
        DataSets.Data data = DataSets.open("cifar10:" + dir, options());
        assertEquals(Cifar10.CLASSES, data.classes());
        assertTrue(data.description().startsWith("CIFAR-10 from " + dir.resolve("cifar-10-batches-bin") + ": "), data.description());
        assertTrue(data.description().endsWith("(no batches.meta.txt: the standard names)"), data.description());
    }

    @Test void cifar10WithAWrongMetaFileOrATruncatedBatchIsNamed() throws IOException {
        Path folder = cifar(dir.resolve("cifar"), "a\nb\nc\n");
        assertEquals("cifar10: " + folder.resolve("batches.meta.txt") + ": names 3 classes; expected 10, one per line in label order",
                assertThrows(IOException.class, () -> DataSets.open("cifar10:" + folder, options())).getMessage());
        Files.delete(folder.resolve("batches.meta.txt"));
        Path batch = folder.resolve("data_batch_4.bin");
        Files.write(batch, Arrays.copyOf(Files.readAllBytes(batch), 3073 + 100));
        assertEquals("cifar10: " + batch + ": size 3173 bytes is not a positive multiple of 3073 (1 label byte + 3072 pixel bytes "
                + "per image); the file is truncated or not CIFAR-10",
                assertThrows(IOException.class, () -> DataSets.open("cifar10:" + folder, options())).getMessage());
    }

    // ---- IDX: mnist and idx ----

    /** {@code labels.length} images of 3x4 whose pixels are 10 * label + position. */
    private static byte[][] idxPair(int... labels) {
        byte[] pixels = new byte[labels.length * 12];
        byte[] classes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            classes[i] = (byte) labels[i];
            for (int p = 0; p < 12; p++) pixels[i * 12 + p] = (byte) (10 * labels[i] + p);
        }
        return new byte[][] {IdxTest.idx(3, new int[] {labels.length, 3, 4}, pixels), IdxTest.idx(1, new int[] {labels.length}, classes)};
    }

    private void writeIdx(Path folder, String prefix, String test, boolean gzip, int[] trainLabels, int[] testLabels) throws IOException {
        Files.createDirectories(folder);
        String gz = gzip ? ".gz" : "";
        byte[][] train = idxPair(trainLabels);
        byte[][] held = idxPair(testLabels);
        Files.write(folder.resolve(prefix + "train-images-idx3-ubyte" + gz), gzip ? IdxTest.gzip(train[0]) : train[0]);
        Files.write(folder.resolve(prefix + "train-labels-idx1-ubyte" + gz), gzip ? IdxTest.gzip(train[1]) : train[1]);
        Files.write(folder.resolve(prefix + test + "-images-idx3-ubyte" + gz), gzip ? IdxTest.gzip(held[0]) : held[0]);
        Files.write(folder.resolve(prefix + test + "-labels-idx1-ubyte" + gz), gzip ? IdxTest.gzip(held[1]) : held[1]);
    }

    @Test void mnistReadsTheFourIdxFilesWithTorchvisionsClassNames() throws IOException {
        writeIdx(dir, "", "t10k", true, new int[] {5, 0, 4, 1}, new int[] {7, 2});
        DataSets.Data data = DataSets.open("mnist:" + dir, options());
        assertEquals("mnist", data.name());
        assertArrayEquals(new int[] {1, 3, 4}, data.inputShape());
        assertEquals(DataSets.MNIST_CLASSES, data.classes());
        assertArrayEquals(new float[] {5, 0, 4, 1}, data.train().labels().toArray());
        assertEquals(73 / 255f, data.test().get(0).features().get(0, 0, 3));
        assertEquals("MNIST from " + dir + ": 4 training and 2 test images of 1x3x4 in 10 classes", data.description());
    }

    @Test void mnistInTorchvisionsLayoutIsFoundBelowMnistRaw() throws IOException {
        writeIdx(dir.resolve("MNIST/raw"), "", "t10k", false, new int[] {1, 2}, new int[] {3});
        assertEquals(2, DataSets.open("mnist:" + dir, options()).train().size());
    }

    @Test void idxTakesAnyPrefixAndNamesClassesFromClassesTxtOrByNumber() throws IOException {
        writeIdx(dir, "emnist-letters-", "test", true, new int[] {0, 2, 1}, new int[] {2});
        DataSets.Data numbered = DataSets.open("idx:" + dir, options());
        assertEquals(List.of("0", "1", "2"), numbered.classes());
        assertTrue(numbered.description().endsWith("in 3 classes (no classes.txt: named by number)"), numbered.description());
        Files.writeString(dir.resolve("classes.txt"), "a\nb\nc\nd\n");
        assertEquals(List.of("a", "b", "c", "d"), DataSets.open("idx:" + dir, options()).classes());
        Files.writeString(dir.resolve("classes.txt"), "a\nb\n");
        assertEquals("idx: " + dir + ": labels go up to 2; expected at most 1 for the classes [a, b]",
                assertThrows(IOException.class, () -> DataSets.open("idx:" + dir, options())).getMessage());
    }

    @Test void aMissingOrAmbiguousIdxFileIsNamed() throws IOException {
        writeIdx(dir, "", "t10k", false, new int[] {1}, new int[] {1});
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        assertEquals("idx: " + dir + ": no file of test labels; expected one named like t10k or test-labels-idx1-ubyte[.gz]",
                assertThrows(IOException.class, () -> DataSets.open("mnist:" + dir, options())).getMessage());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idxPair(1)[1]);
        Files.write(dir.resolve("other-train-images-idx3-ubyte"), idxPair(1)[0]);
        assertEquals("idx: " + dir + ": 2 files of train images [other-train-images-idx3-ubyte, train-images-idx3-ubyte]; "
                + "expected one named like train-images-idx3-ubyte[.gz]",
                assertThrows(IOException.class, () -> DataSets.open("idx:" + dir, options())).getMessage());
    }

    // ---- image folders ----

    private static BufferedImage gray(int height, int width, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.getRaster().setSample(x, y, 0, level);
        return image;
    }

    private static BufferedImage colour(int height, int width, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, rgb);
        return image;
    }

    private Path save(String path, BufferedImage image) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        String format = path.endsWith(".png") ? "png" : "jpg";
        assertTrue(ImageIO.write(image, format, file.toFile()), "ImageIO writes " + format);
        return file;
    }

    @Test void aGreyFolderWithTrainAndTestIsOneChannelAndResized() throws IOException {
        save("train/shirt/a.png", gray(10, 20, 51));
        save("train/shirt/b.png", gray(12, 12, 102));
        save("train/boot/c.png", gray(30, 15, 255));
        save("test/boot/d.png", gray(8, 8, 0));
        save("test/shirt/e.png", gray(9, 9, 153));
        DataSets.Data data = DataSets.open("folder:" + dir, options().withImageSize(6));
        assertEquals("folder", data.name());
        assertArrayEquals(new int[] {1, 6, 6}, data.inputShape());
        assertEquals(List.of("boot", "shirt"), data.classes());
        assertArrayEquals(new float[] {0, 1, 1}, data.train().labels().toArray());
        assertArrayEquals(new float[] {0, 1}, data.test().labels().toArray());
        for (float value : data.train().get(1).features().toArray()) assertEquals(0.2f, value, 1e-6f);
        for (float value : data.test().get(1).features().toArray()) assertEquals(0.6f, value, 1e-6f);
        assertEquals("image folder " + dir + ": 3 training and 2 test images of 1x6x6 in 2 classes (" + dir.resolve("train")
                + " and " + dir.resolve("test") + "; resized and centre-cropped to 6x6)", data.description());
    }

    @Test void aColourFolderOfPngAndJpegIsThreeChannelsAndAGreyTestPartIsRepeated() throws IOException {
        save("train/red/a.png", colour(4, 4, 0xFF0000));
        save("train/red/b.jpg", colour(4, 4, 0xF00000));
        save("train/blue/c.jpeg", colour(4, 4, 0x0000FF));
        save("val/red/d.png", gray(4, 4, 255));
        save("val/blue/e.png", gray(4, 4, 0));
        DataSets.Data data = DataSets.open("folder:" + dir, options());
        assertArrayEquals(new int[] {3, 4, 4}, data.inputShape());
        assertEquals(List.of("blue", "red"), data.classes());
        float[] blue = data.train().get(0).features().toArray();
        assertEquals(0f, blue[0], 3 / 255f);               // JPEG is lossy
        assertEquals(1f, blue[2 * 16], 3 / 255f);
        float[] red = data.train().get(1).features().toArray();
        assertEquals(1f, red[0]);
        assertEquals(0f, red[16]);
        assertEquals(0xF0 / 255f, data.train().get(2).features().get(0, 1, 1), 3 / 255f);
        float[] white = data.test().get(1).features().toArray();
        for (float value : white) assertEquals(1f, value, "the grey test image repeated to three channels");
    }

    @Test void aCorruptImageIsOneErrorNamingTheFile() throws IOException {
        save("train/a/1.png", gray(4, 4, 0));
        Path broken = save("train/b/2.jpg", colour(16, 16, 0x123456));
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
        String message = assertThrows(IOException.class, () -> DataSets.open("folder:" + dir, options())).getMessage();
        assertTrue(message.startsWith("ImageFolder: " + broken + ": corrupt or truncated image: "), message);
        Files.writeString(broken, "not an image at all");
        assertEquals("ImageFolder: " + broken + ": not a PNG or JPEG image ImageIO can read",
                assertThrows(IOException.class, () -> DataSets.open("folder:" + dir, options())).getMessage());
    }

    @Test void anEmptyClassFolderIsAnErrorNamingIt() throws IOException {
        save("train/a/1.png", gray(4, 4, 0));
        save("test/a/2.png", gray(4, 4, 0));
        Files.createDirectories(dir.resolve("train/empty"));
        Files.createDirectories(dir.resolve("test/empty"));
        Files.writeString(dir.resolve("train/empty/readme.txt"), "no images here");
        assertEquals("ImageFolder: " + dir.resolve("train/empty") + ": no PNG or JPEG images in class folder; expected at "
                + "least one (torchvision's ImageFolder refuses an empty class too: add images or remove the folder)",
                assertThrows(IOException.class, () -> DataSets.open("folder:" + dir, options())).getMessage());
    }

    @Test void trainAndTestMustListTheSameClasses() throws IOException {
        save("train/a/1.png", gray(4, 4, 0));
        save("train/b/2.png", gray(4, 4, 0));
        save("test/a/3.png", gray(4, 4, 0));
        assertEquals("folder: " + dir.resolve("test") + ": classes [a]; expected the classes of " + dir.resolve("train")
                + ", [a, b] (a label is the position of its class's name in the sorted list)",
                assertThrows(IOException.class, () -> DataSets.open("folder:" + dir, options())).getMessage());
    }

    @Test void oneFolderIsSplitPerClassBySeed() throws IOException {
        for (int i = 0; i < 10; i++) save("cats/" + i + ".png", gray(3, 3, i));
        for (int i = 0; i < 5; i++) save("dogs/" + i + ".png", gray(3, 3, 100 + i));
        DataSets.Data data = DataSets.open("folder:" + dir, options());
        assertEquals(12, data.train().size());
        assertEquals(3, data.test().size());
        assertArrayEquals(new float[] {0, 0, 1}, data.test().labels().toArray(), "2 of 10 cats and 1 of 5 dogs held out");
        assertTrue(data.description().endsWith("(20% of each class held out for testing, seed 0)"), data.description());
        List<Float> held = levels(data.test());
        List<Float> trained = levels(data.train());
        for (Float level : held) assertFalse(trained.contains(level), "an image is in one part only");
        assertEquals(held, levels(DataSets.open("folder:" + dir, options()).test()), "the same seed, the same split");
        boolean differs = false;
        for (long seed = 1; seed < 6 && !differs; seed++) {
            differs = !held.equals(levels(DataSets.open("folder:" + dir, options().withTestFraction(0.2, seed)).test()));
        }
        assertTrue(differs, "another seed, another split");
        assertEquals(9, DataSets.open("folder:" + dir, options().withTestFraction(0.6, 0)).test().size(), "6 cats and 3 dogs");
    }

    private static List<Float> levels(TensorDataset data) {
        List<Float> levels = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) levels.add(data.get(i).features().get(0, 0, 0));
        return levels;
    }

    @Test void aSplitThatLeavesAPartEmptyIsRefused() throws IOException {
        save("a/1.png", gray(2, 2, 0));
        save("b/1.png", gray(2, 2, 0));
        assertEquals("folder: " + dir + ": holding out 0.2 of each class's images leaves no test images of 2; expected some "
                + "of each (add images, change the test fraction, or give " + dir + "/train and " + dir + "/test)",
                assertThrows(IOException.class, () -> DataSets.open("folder:" + dir, options())).getMessage());
    }

    // ---- Fashion-MNIST and the specs ----

    @Test void fashionMnistIsTheDefaultAndFindsTheShippedSample() throws IOException {
        Path sample = Path.of("..", FashionMnist.SAMPLE_FOLDER).toAbsolutePath().normalize();
        DataSets.Options options = options().withSources(new FashionMnist.Sources(null, null, null, null, sample));
        DataSets.Data data = DataSets.open(null, options);
        assertEquals("fashion-mnist-sample", data.name());
        assertArrayEquals(new int[] {1, 28, 28}, data.inputShape());
        assertEquals(FashionMnist.CLASSES, data.classes());
        assertTrue(data.description().startsWith("Fashion-MNIST: " + data.train().size() + " training and "), data.description());
        assertTrue(data.description().contains("; using the "), data.description());
        assertEquals("fashion-mnist", DataSets.open("fashion-mnist:" + sample, options).name(), "an explicit folder");
    }

    @Test void badSpecsAreNamedWithTheLegalOnes() {
        assertEquals("DataSets: unknown data set 'svhn:/x'; expected one of fashion-mnist, fashion-mnist:DIR, mnist:DIR, idx:DIR, "
                + "cifar10:DIR, folder:DIR", assertThrows(IllegalArgumentException.class, () -> DataSets.open("svhn:/x", options())).getMessage());
        assertEquals("DataSets: cifar10 needs a folder, cifar10:DIR; got 'cifar10'",
                assertThrows(IllegalArgumentException.class, () -> DataSets.open("cifar10", options())).getMessage());
        Path missing = dir.resolve("nothing");
        assertEquals("DataSets: folder:" + missing + ": " + missing + ": no such folder",
                assertThrows(IOException.class, () -> DataSets.open("folder:" + missing, options())).getMessage());
        assertEquals("DataSets: testFraction must be in (0, 1); got 1.0",
                assertThrows(IllegalArgumentException.class, () -> options().withTestFraction(1, 0)).getMessage());
    }

    @Test void anImageSizeForDataOfAnotherSizeIsRefused() throws IOException {
        Path folder = cifar(dir.resolve("cifar"), null);
        assertEquals("DataSets: imageSize resizes image folders only; cifar10 images are 32x32; got imageSize 64",
                assertThrows(IllegalArgumentException.class, () -> DataSets.open("cifar10:" + folder, options().withImageSize(64)))
                        .getMessage());
        assertEquals(10, DataSets.open("cifar10:" + folder, options().withImageSize(32)).train().size());
    }
}
