package fovea.data;

import fovea.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code folder:DIR} data set of {@link DataSets}: DIR/train/CLASS/ and DIR/test/CLASS/ (or DIR/val/CLASS/),
 * each read as an {@link ImageFolder} with the same classes; or one folder of classes (DIR/CLASS/, or DIR/train/
 * without a test folder) split per class by a seeded fraction, so that every class keeps its share in both parts.
 */
final class FolderDataSet {
    private FolderDataSet() {}

    static DataSets.Data read(Path dir, DataSets.Options options) throws IOException {
        int size = options.imageSize();
        Path train = dir.resolve("train");
        if (!Files.isDirectory(train)) return split(dir, ImageFolder.read(dir, size), options);
        Path test = Files.isDirectory(dir.resolve("test")) ? dir.resolve("test")
                : Files.isDirectory(dir.resolve("val")) ? dir.resolve("val") : null;
        if (test == null) return split(train, ImageFolder.read(train, size), options);
        // Labels are positions in the sorted class list, so both folders must list the same classes.
        List<String> classes = ImageFolder.classes(train);
        List<String> testClasses = ImageFolder.classes(test);
        if (!classes.equals(testClasses)) {
            throw new IOException("folder: " + test + ": classes " + testClasses + "; expected the classes of " + train
                    + ", " + classes + " (a label is the position of its class's name in the sorted list)");
        }
        ImageFolder trainFolder = ImageFolder.read(train, size);
        ImageFolder testFolder = ImageFolder.read(test, size);
        TensorDataset trainSet = trainFolder.examples();
        TensorDataset testSet = testFolder.examples();
        // A grayscale part beside a colour one is repeated to three channels, as ImageFolder does within one folder.
        if (trainSet.exampleShape()[0] != testSet.exampleShape()[0]) {
            if (trainSet.exampleShape()[0] == 1) trainSet = rgb(trainSet);
            else testSet = rgb(testSet);
        }
        if (!Arrays.equals(trainSet.exampleShape(), testSet.exampleShape())) {
            throw new IOException("folder: " + test + ": images are " + DataSets.shape(testSet.exampleShape()) + "; expected "
                    + DataSets.shape(trainSet.exampleShape()) + " like " + train + " (give an image size to resize both)");
        }
        return new DataSets.Data("folder", trainSet, testSet, trainSet.exampleShape(), classes, "image folder " + dir + ": "
                + DataSets.counts(trainSet, testSet, classes.size()) + " (" + train + " and " + test + sized(size) + ")");
    }

    /** Holds out round(fraction * n) of each class's n images, chosen by a seeded shuffle, for testing. */
    private static DataSets.Data split(Path root, ImageFolder folder, DataSets.Options options) throws IOException {
        TensorDataset all = folder.examples();
        int classes = folder.classes().size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < all.size(); i++) byClass.get(all.labelValues()[i]).add(i);
        Generator random = new Generator(options.seed());
        boolean[] held = new boolean[all.size()];
        int heldCount = 0;
        for (List<Integer> members : byClass) {
            int[] order = Split.permutation(members.size(), random);
            int count = (int) Math.round(options.testFraction() * members.size());
            for (int k = 0; k < count; k++) held[members.get(order[k])] = true;
            heldCount += count;
        }
        if (heldCount == 0 || heldCount == all.size()) {
            throw new IOException("folder: " + root + ": holding out " + options.testFraction() + " of each class's images leaves "
                    + (heldCount == 0 ? "no test" : "no training") + " images of " + all.size() + "; expected some of each "
                    + "(add images, change the test fraction, or give " + root + "/train and " + root + "/test)");
        }
        int[] trainIndices = new int[all.size() - heldCount];
        int[] testIndices = new int[heldCount];
        for (int i = 0, a = 0, b = 0; i < all.size(); i++) {
            if (held[i]) testIndices[b++] = i;
            else trainIndices[a++] = i;
        }
        TensorDataset train = TensorDataset.copyOf(new Subset<>(all, trainIndices));
        TensorDataset test = TensorDataset.copyOf(new Subset<>(all, testIndices));
        double hundredths = Math.round(100_000 * options.testFraction()) / 1000.0;
        String percent = (hundredths == Math.rint(hundredths) ? Long.toString((long) hundredths) : Double.toString(hundredths)) + "%";
        return new DataSets.Data("folder", train, test, all.exampleShape(), folder.classes(), "image folder " + root + ": "
                + DataSets.counts(train, test, classes) + " (" + percent + " of each class held out for testing, seed "
                + options.seed() + sized(options.imageSize()) + ")");
    }

    private static String sized(int size) {
        return size == 0 ? "" : "; resized and centre-cropped to " + size + "x" + size;
    }

    /** The one channel of each example repeated three times. */
    private static TensorDataset rgb(TensorDataset gray) {
        int[] shape = gray.exampleShape();
        int plane = shape[1] * shape[2];
        float[] in = gray.featureValues();
        float[] out = new float[Math.multiplyExact(3, in.length)];
        for (int i = 0; i < gray.size(); i++) {
            for (int c = 0; c < 3; c++) System.arraycopy(in, i * plane, out, (3 * i + c) * plane, plane);
        }
        return new TensorDataset(out, new int[] {3, shape[1], shape[2]}, gray.labelValues().clone());
    }
}
