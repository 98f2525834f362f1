package fovea.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small data sets in the formats users bring, written by the tests: CIFAR-10's binary files and image folders. */
public final class Fixtures {
    private Fixtures() {}

    /** The Fashion-MNIST sample in the repository (IDX files, the format MNIST uses too). */
    public static Path fashionSample() {
        return Path.of(System.getProperty("fovea.root", ".."), "data", "fashion-mnist-sample");
    }

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

    /** CIFAR-10's binary version in {@code folder}: five training batches of 40 records, a test batch of 50. */
    public static Path cifar(Path folder) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(1);
        for (int b = 1; b <= 5; b++) Files.write(folder.resolve("data_batch_" + b + ".bin"), cifarRecords(40, random));
        Files.write(folder.resolve("test_batch.bin"), cifarRecords(50, random));
        Files.writeString(folder.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
        return folder;
    }

    /** Writes {@code image} as PNG or JPEG by the file's extension. */
    public static void save(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        if (!ImageIO.write(image, format, file.toFile())) throw new UncheckedIOException(new IOException("no " + format + " writer"));
    }

    /**
     * A class folder pair under {@code root}/train and {@code root}/test: "stripes" images have a bright upper half,
     * "plain" ones a dark one; sizes vary (they are resized to --image-size), PNG and JPEG alternate.
     */
    public static Path folder(Path root, boolean colour, int perClass) throws IOException {
        Random random = new Random(2);
        for (String part : new String[] {"train", "test"}) {
            for (String label : new String[] {"plain", "stripes"}) {
                for (int i = 0; i < perClass; i++) {
                    int size = 20 + random.nextInt(12);
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

    /** A picture of {@code size} x {@code size} pixels: two bright vertical bars on black, like a pair of trousers. */
    public static Path trousers(Path file, int size, boolean colour) throws IOException {
        BufferedImage image = new BufferedImage(size, size, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = size / 14; y < size - size / 14; y++) {
            for (int x = 0; x < size; x++) {
                boolean bar = (x >= size * 2 / 7 && x < size * 13 / 28) || (x >= size * 15 / 28 && x < size * 5 / 7);
                if (bar) image.setRGB(x, y, 0xC8C8C8);
            }
        }
        save(file, image);
        return file;
    }
}
