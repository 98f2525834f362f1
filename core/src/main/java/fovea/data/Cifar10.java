package fovea.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10's binary version (data_batch_1.bin .. data_batch_5.bin, test_batch.bin): records of one label byte
 * and 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32 rows of 32), which are already CHW order. Images
 * become [3, 32, 32] floats with each byte divided by 255, so pixels lie in [0, 1].
 */
public final class Cifar10 {
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    /** The file of the binary version that names the classes, one per line, in label order. */
    public static final String META = "batches.meta.txt";

    private static final int PIXELS = 3 * 32 * 32;
    private static final int RECORD = 1 + PIXELS;

    private Cifar10() {}

    /** The 50000 training images of {@code folder}: data_batch_1.bin .. data_batch_5.bin, in that order. */
    public static TensorDataset readTraining(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) files.add(folder.resolve("data_batch_" + i + ".bin"));
        return read(files);
    }

    /** The 10000 test images of {@code folder}: test_batch.bin. */
    public static TensorDataset readTest(Path folder) throws IOException {
        return read(List.of(folder.resolve("test_batch.bin")));
    }

    /**
     * The class names in {@code folder}'s batches.meta.txt (blank lines and surrounding spaces ignored), which must
     * name the 10 classes; {@link #CLASSES} when the folder has no such file.
     */
    public static List<String> readClasses(Path folder) throws IOException {
        Path file = folder.resolve(META);
        if (!Files.isRegularFile(file)) return CLASSES;
        List<String> names = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        if (names.size() != CLASSES.size()) {
            throw new IOException("cifar10: " + file + ": names " + names.size() + " classes; expected " + CLASSES.size()
                    + ", one per line in label order");
        }
        return names;
    }

    /** The images of one or more batch files, concatenated in order, as examples [3, 32, 32] with labels 0..9. */
    public static TensorDataset read(List<Path> files) throws IOException {
        long records = 0;
        for (Path file : files) records += recordCount(file);
        if (records * PIXELS > Integer.MAX_VALUE - 8) {
            throw new IOException("cifar10: " + records + " images are more pixels than one array holds; expected at most "
                    + (Integer.MAX_VALUE - 8) / PIXELS + " images");
        }
        float[] pixels = new float[(int) records * PIXELS];
        int[] labels = new int[(int) records];
        int offset = 0;
        for (Path file : files) offset = readInto(file, pixels, labels, offset);
        return new TensorDataset(pixels, new int[] {3, 32, 32}, labels);
    }

    private static long recordCount(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cifar10: " + file + ": no such file; expected a batch of CIFAR-10's binary version "
                    + "(data_batch_1.bin .. data_batch_5.bin, test_batch.bin)", e);
        }
        if (size == 0 || size % RECORD != 0) {
            throw new IOException("cifar10: " + file + ": size " + size + " bytes is not a positive multiple of " + RECORD
                    + " (1 label byte + " + PIXELS + " pixel bytes per image); the file is truncated or not CIFAR-10");
        }
        return size / RECORD;
    }

    /** Reads one file's records into the arrays from image {@code offset}; returns the next offset. */
    private static int readInto(Path file, float[] pixels, int[] labels, int offset) throws IOException {
        byte[] record = new byte[RECORD];
        int images = (int) recordCount(file);
        try (InputStream in = Files.newInputStream(file)) {
            for (int i = 0; i < images; i++) {
                if (in.readNBytes(record, 0, RECORD) != RECORD) {
                    throw new IOException("cifar10: " + file + ": file ends inside image " + i + "; it changed while read");
                }
                int label = record[0] & 0xFF;
                if (label >= CLASSES.size()) {
                    throw new IOException("cifar10: " + file + ": image " + i + " (byte " + (long) i * RECORD
                            + ") has label " + label + "; expected 0..9");
                }
                labels[offset + i] = label;
                int base = (offset + i) * PIXELS;
                for (int p = 0; p < PIXELS; p++) pixels[base + p] = (record[1 + p] & 0xFF) / 255f;
            }
        }
        return offset + images;
    }
}
