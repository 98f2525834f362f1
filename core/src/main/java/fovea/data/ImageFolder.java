package fovea.data;

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
 * i is classes().get(i), and examples are [C, H, W] floats in [0, 1]. PNG and JPEG files are read through
 * javax.imageio; all must have one size (nothing is resized). C is 1 when every image is grayscale, else 3, with a
 * grayscale image's one channel repeated and any alpha channel dropped.
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

    /** Reads every PNG and JPEG image under {@code root}/{@code class}/; other files are skipped. */
    public static ImageFolder read(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("ImageFolder: " + root + ": no such folder");
        List<String> classes;
        try (Stream<Path> children = Files.list(root)) {
            classes = children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new IOException("ImageFolder: " + root + ": no class folders; expected one subfolder per class holding "
                    + "PNG or JPEG images");
        }
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path folder = root.resolve(classes.get(label));
            List<Path> files;
            try (Stream<Path> children = Files.list(folder)) {
                files = children.filter(ImageFolder::isImage).sorted().toList();
            }
            if (files.isEmpty()) throw new IOException("ImageFolder: " + folder + ": no PNG or JPEG images in class folder");
            for (Path file : files) entries.add(new Entry(file, label));
        }
        int[] shape = commonShape(entries);
        int size = shape[0] * shape[1] * shape[2];
        float[] pixels = new float[Math.multiplyExact(entries.size(), size)];
        int[] labels = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            BufferedImage image = ImageIO.read(entries.get(i).file().toFile());
            if (image == null) throw new IOException("ImageFolder: " + entries.get(i).file() + ": not an image ImageIO can read");
            boolean gray = image.getColorModel().getNumColorComponents() == 1;
            if ((!gray && shape[0] == 1) || image.getHeight() != shape[1] || image.getWidth() != shape[2]) {
                throw new IOException("ImageFolder: " + entries.get(i).file() + ": decoded image is " + (gray ? 1 : 3) + "x"
                        + image.getHeight() + "x" + image.getWidth() + " (C x H x W); expected "
                        + shape[0] + "x" + shape[1] + "x" + shape[2] + " from the image headers");
            }
            copyPixels(image, shape[0], pixels, i * size);
            labels[i] = entries.get(i).label();
        }
        return new ImageFolder(new TensorDataset(pixels, shape, labels), classes);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    /** [C, H, W] for all images, from their headers alone; the first image of another size is an error. */
    private static int[] commonShape(List<Entry> entries) throws IOException {
        int[] first = null;
        int channels = 1;
        for (Entry entry : entries) {
            int[] shape = headerShape(entry.file());
            channels = Math.max(channels, shape[0]);
            if (first == null) {
                first = shape;
            } else if (shape[1] != first[1] || shape[2] != first[2]) {
                throw new IOException("ImageFolder: " + entry.file() + ": image is " + shape[1] + "x" + shape[2]
                        + " (H x W); expected " + first[1] + "x" + first[2] + " like " + entries.get(0).file()
                        + " (all images must have one size; resize them first)");
            }
        }
        return new int[] {channels, first[1], first[2]};
    }

    private static int[] headerShape(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("ImageFolder: " + file + ": not a PNG or JPEG image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int channels = reader.getImageTypes(0).next().getColorModel().getNumColorComponents() == 1 ? 1 : 3;
                return new int[] {channels, reader.getHeight(0), reader.getWidth(0)};
            } catch (IOException | RuntimeException e) {
                throw new IOException("ImageFolder: " + file + ": unreadable image header: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Writes the image as [channels, H, W] floats in [0, 1] at {@code offset}. */
    private static void copyPixels(BufferedImage image, int channels, float[] out, int offset) {
        int height = image.getHeight();
        int width = image.getWidth();
        int plane = height * width;
        if (image.getColorModel().getNumColorComponents() == 1) {
            // Read gray levels from the raster: getRGB would pass them through a color-space conversion.
            Raster raster = image.getRaster();
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float gray = raster.getSample(x, y, 0) / max;
                    for (int c = 0; c < channels; c++) out[offset + c * plane + y * width + x] = gray;
                }
            }
            return;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int at = offset + y * width + x;
                out[at] = (rgb >> 16 & 0xFF) / 255f;
                out[at + plane] = (rgb >> 8 & 0xFF) / 255f;
                out[at + 2 * plane] = (rgb & 0xFF) / 255f;
            }
        }
    }
}
