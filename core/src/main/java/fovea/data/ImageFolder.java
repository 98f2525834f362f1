package fovea.data;

import fovea.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images in one subfolder per class, as torchvision's ImageFolder: the classes are the subfolder names sorted, label
 * i is classes().get(i), every PNG and JPEG file below a class folder (at any depth, in sorted order) is an example,
 * and a class folder without one is an error. Examples are [C, H, W] floats in [0, 1], read through javax.imageio:
 * C is 1 when every image is grayscale, else 3, with a grayscale image's one channel repeated and any alpha channel
 * dropped. Without an image size all images must have one size; with one, each is resized (antialiased bilinear)
 * so that its shorter side is that size and its centre square is kept, torchvision's Resize(s) then CenterCrop(s).
 * A file that cannot be decoded, in part or whole, is one error naming it.
 */
public record ImageFolder(TensorDataset examples, List<String> classes) {
    /** Checks that there is a name for every label. */
    public ImageFolder {
        classes = List.copyOf(classes);
        if (examples.classCount() > classes.size()) {
            throw new IllegalArgumentException("ImageFolder: labels go up to " + (examples.classCount() - 1) + " but there are "
                    + classes.size() + " class names");
        }
    }

    private record Entry(Path file, int label) {}

    /** Reads every PNG and JPEG image under {@code root}/{@code class}/, all of one size; other files are skipped. */
    public static ImageFolder read(Path root) throws IOException {
        return read(root, 0);
    }

    /**
     * Reads every PNG and JPEG image under {@code root}/{@code class}/, each resized and centre-cropped to
     * {@code imageSize} x {@code imageSize}, or kept at its size (which all must share) when imageSize is 0.
     */
    public static ImageFolder read(Path root, int imageSize) throws IOException {
        if (imageSize < 0) throw new IllegalArgumentException("ImageFolder: imageSize must be >= 0 (0 keeps the size); got " + imageSize);
        List<String> classes = classes(root);
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path folder = root.resolve(classes.get(label));
            List<Path> files;
            try (Stream<Path> below = Files.walk(folder)) {
                files = below.filter(ImageFolder::isImage).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IOException("ImageFolder: " + folder + ": no PNG or JPEG images in class folder; expected at least "
                        + "one (torchvision's ImageFolder refuses an empty class too: add images or remove the folder)");
            }
            for (Path file : files) entries.add(new Entry(file, label));
        }
        int[] shape = commonShape(entries, imageSize);
        int size = shape[0] * shape[1] * shape[2];
        float[] pixels = new float[Math.multiplyExact(entries.size(), size)];
        int[] labels = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Path file = entries.get(i).file();
            BufferedImage image = decode(file);
            boolean gray = image.getColorModel().getNumColorComponents() == 1;
            if (!gray && shape[0] == 1 || imageSize == 0 && (image.getHeight() != shape[1] || image.getWidth() != shape[2])) {
                throw new IOException("ImageFolder: " + file + ": decoded image is " + (gray ? 1 : 3) + "x"
                        + image.getHeight() + "x" + image.getWidth() + " (C x H x W); expected "
                        + shape[0] + "x" + shape[1] + "x" + shape[2] + " from the image headers");
            }
            Tensor example = Tensor.of(pixels(image, shape[0]), shape[0], image.getHeight(), image.getWidth());
            if (imageSize > 0) {
                example = CenterCrop.square(imageSize).apply(Resize.shorterSide(imageSize).apply(example, null), null);
            }
            System.arraycopy(example.toArray(), 0, pixels, i * size, size);
            labels[i] = entries.get(i).label();
        }
        return new ImageFolder(new TensorDataset(pixels, shape, labels), classes);
    }

    /** The class names under {@code root}: its subfolders, sorted. */
    static List<String> classes(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("ImageFolder: " + root + ": no such folder");
        List<String> classes;
        try (Stream<Path> children = Files.list(root)) {
            classes = children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new IOException("ImageFolder: " + root + ": no class folders; expected one subfolder per class holding "
                    + "PNG or JPEG images");
        }
        return classes;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    /** [C, H, W] for all images, from their headers alone; without a size to resize to, another size is an error. */
    private static int[] commonShape(List<Entry> entries, int imageSize) throws IOException {
        int[] first = null;
        int channels = 1;
        for (Entry entry : entries) {
            int[] shape = headerShape(entry.file());
            channels = Math.max(channels, shape[0]);
            if (first == null) {
                first = shape;
            } else if (imageSize == 0 && (shape[1] != first[1] || shape[2] != first[2])) {
                throw new IOException("ImageFolder: " + entry.file() + ": image is " + shape[1] + "x" + shape[2]
                        + " (H x W); expected " + first[1] + "x" + first[2] + " like " + entries.get(0).file()
                        + " (all images must have one size; resize them first)");
            }
        }
        return imageSize == 0 ? new int[] {channels, first[1], first[2]} : new int[] {channels, imageSize, imageSize};
    }

    /** Runs {@code read} on an ImageIO reader for {@code file}, any failure reported as one error naming the file. */
    private interface Reading<T> {
        T read(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(Path file, Reading<T> reading) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("ImageFolder: " + file + ": not a PNG or JPEG image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reading.read(reader);
            } catch (IOException | RuntimeException e) {
                throw new IOException("ImageFolder: " + file + ": corrupt or truncated image: " + describe(e), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The exception's message, with its cause's when that says more (ImageIO wraps the real reason). */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }

    private static int[] headerShape(Path file) throws IOException {
        return withReader(file, reader -> {
            int channels = reader.getImageTypes(0).next().getColorModel().getNumColorComponents() == 1 ? 1 : 3;
            return new int[] {channels, reader.getHeight(0), reader.getWidth(0)};
        });
    }

    private record Decoded(BufferedImage image, List<String> warnings) {}

    /** The whole image; a decoder warning (the JPEG reader's "premature end of file") is an error, not grey pixels. */
    private static BufferedImage decode(Path file) throws IOException {
        Decoded decoded = withReader(file, reader -> {
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            return new Decoded(reader.read(0), warnings);
        });
        if (!decoded.warnings().isEmpty()) {
            throw new IOException("ImageFolder: " + file + ": corrupt or truncated image: " + String.join("; ", decoded.warnings()));
        }
        return decoded.image();
    }

    /** The image as [channels, H, W] floats in [0, 1]. */
    private static float[] pixels(BufferedImage image, int channels) {
        int height = image.getHeight();
        int width = image.getWidth();
        int plane = height * width;
        float[] out = new float[channels * plane];
        if (image.getColorModel().getNumColorComponents() == 1) {
            // Read gray levels from the raster: getRGB would pass them through a color-space conversion.
            Raster raster = image.getRaster();
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float gray = raster.getSample(x, y, 0) / max;
                    for (int c = 0; c < channels; c++) out[c * plane + y * width + x] = gray;
                }
            }
            return out;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int at = y * width + x;
                out[at] = (rgb >> 16 & 0xFF) / 255f;
                out[at + plane] = (rgb >> 8 & 0xFF) / 255f;
                out[at + 2 * plane] = (rgb & 0xFF) / 255f;
            }
        }
        return out;
    }
}
