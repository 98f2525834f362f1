package fovea.data;

import fovea.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, gzip-compressed or raw (told apart by their first bytes): images
 * become [N, 1, H, W] floats with each byte divided by 255, so pixels lie in [0, 1]; labels become whole numbers.
 * Every file is checked: the magic number (unsigned bytes, 3 dims for images, 1 for labels), and that it holds
 * exactly the bytes its header promises, no fewer and no more.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final float[] SCALED = new float[256];

    static {
        for (int i = 0; i < 256; i++) SCALED[i] = i / 255f;
    }

    private Idx() {}

    /** Images and their labels, checked to be equally many: examples [1, H, W] with labels 0..255. */
    public static TensorDataset read(Path images, Path labels) throws IOException {
        Images pixels = images(images);
        int[] classes = labelValues(labels);
        if (classes.length != pixels.count) {
            throw new IOException("idx: " + labels + " holds " + classes.length + " labels but " + images + " holds "
                    + pixels.count + " images; expected one label per image");
        }
        return new TensorDataset(pixels.values, new int[] {1, pixels.height, pixels.width}, classes);
    }

    /** The images of an IDX file (magic 0x00000803) as [N, 1, H, W] floats in [0, 1]. */
    public static Tensor readImages(Path file) throws IOException {
        Images pixels = images(file);
        return Tensor.of(pixels.values, pixels.count, 1, pixels.height, pixels.width);
    }

    /** The labels of an IDX file (magic 0x00000801) as [N] whole-number floats. */
    public static Tensor readLabels(Path file) throws IOException {
        int[] labels = labelValues(file);
        float[] values = new float[labels.length];
        for (int i = 0; i < values.length; i++) values[i] = labels[i];
        return Tensor.of(values, values.length);
    }

    /** The number of items (images or labels) the header of an IDX file announces; reads only the header. */
    public static int count(Path file) throws IOException {
        try (InputStream in = open(file)) {
            boolean images = peekDims(file, in) == 3;
            return header(file, in, images ? 3 : 1, images ? "images" : "labels")[0];
        }
    }

    private record Images(float[] values, int count, int height, int width) {}

    private static Images images(Path file) throws IOException {
        try (InputStream in = open(file)) {
            int[] sizes = header(file, in, 3, "images");
            long headerBytes = 16;
            long expected = headerBytes + (long) sizes[0] * sizes[1] * sizes[2];
            if (expected - headerBytes > Integer.MAX_VALUE - 8) {
                throw new IOException("idx: " + file + ": " + sizes[0] + " images of " + sizes[1] + "x" + sizes[2]
                        + " are more pixels than one array holds; expected at most " + (Integer.MAX_VALUE - 8));
            }
            float[] values = new float[(int) (expected - headerBytes)];
            body(file, in, values, null, headerBytes, expected,
                    "for " + sizes[0] + " images of " + sizes[1] + "x" + sizes[2]);
            return new Images(values, sizes[0], sizes[1], sizes[2]);
        }
    }

    private static int[] labelValues(Path file) throws IOException {
        try (InputStream in = open(file)) {
            int count = header(file, in, 1, "labels")[0];
            int[] labels = new int[count];
            body(file, in, null, labels, 8, 8L + count, "for " + count + " labels");
            return labels;
        }
    }

    /** The file's contents, decompressed when it starts with gzip's magic bytes 1f 8b. */
    private static InputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new IOException("idx: " + file + ": no such file", e);
        }
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        if (!gzip) return raw;
        try {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw new IOException("idx: " + file + ": not a readable gzip file: " + e.getMessage(), e);
        }
    }

    private static int peekDims(Path file, InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = readFully(file, in, 4, 0, "a 4-byte magic number");
        in.reset();
        return magic[3];
    }

    /** Checks the magic number and returns the sizes that follow it. */
    private static int[] header(Path file, InputStream in, int dims, String what) throws IOException {
        int expectedMagic = UNSIGNED_BYTE << 8 | dims;
        String header = "a " + (4 + 4 * dims) + "-byte header for " + what;
        int magic = readInt(readFully(file, in, 4, 0, header), 0);
        if ((magic & 0xFFFFFF00) != UNSIGNED_BYTE << 8) {
            throw new IOException(String.format("idx: %s: not an IDX file of unsigned bytes; magic number is 0x%08X, "
                    + "expected 0x%08X (%s)", file, magic, expectedMagic, what));
        }
        if ((magic & 0xFF) != dims) {
            throw new IOException(String.format("idx: %s: expected %d dims for %s (magic number 0x%08X); got %d dims "
                    + "(magic number 0x%08X)", file, dims, what, expectedMagic, magic & 0xFF, magic));
        }
        byte[] bytes = readFully(file, in, 4 * dims, 4, header);
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = readInt(bytes, 4 * d);
            if (sizes[d] < 0) {
                throw new IOException("idx: " + file + ": size " + d + " in the header is " + Integer.toUnsignedLong(sizes[d])
                        + "; expected at most " + Integer.MAX_VALUE);
            }
        }
        return sizes;
    }

    /** Reads the data after the header into pixels (scaled to [0, 1]) or labels, and checks the length exactly. */
    private static void body(Path file, InputStream in, float[] pixels, int[] labels, long position, long expected,
            String what) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int filled = 0;
        int total = pixels != null ? pixels.length : labels.length;
        while (filled < total) {
            int n = read(file, in, buffer, Math.min(buffer.length, total - filled), position + filled);
            if (n < 0) {
                throw new IOException("idx: " + file + ": expected " + expected + " bytes " + what + "; file ends after "
                        + (position + filled));
            }
            for (int i = 0; i < n; i++) {
                if (pixels != null) pixels[filled + i] = SCALED[buffer[i] & 0xFF];
                else labels[filled + i] = buffer[i] & 0xFF;
            }
            filled += n;
        }
        int more;
        try {
            more = in.read();
        } catch (EOFException e) {
            throw new IOException("idx: " + file + ": expected " + expected + " bytes " + what + "; all were read but "
                    + "the gzip stream ends early (its checksum trailer is missing: the file is truncated)", e);
        } catch (ZipException e) {
            throw new IOException("idx: " + file + ": corrupt gzip data after " + expected + " bytes: " + e.getMessage(), e);
        }
        if (more >= 0) {
            throw new IOException("idx: " + file + ": expected " + expected + " bytes " + what
                    + "; file has more after that");
        }
    }

    /** One read, with a gzip stream that stops short (a truncated .gz file) reported like a raw file's end. */
    private static int read(Path file, InputStream in, byte[] buffer, int length, long position) throws IOException {
        try {
            return in.read(buffer, 0, length);
        } catch (EOFException e) {
            return -1;
        } catch (ZipException e) {
            throw new IOException("idx: " + file + ": corrupt gzip data after " + position + " bytes: " + e.getMessage(), e);
        }
    }

    private static byte[] readFully(Path file, InputStream in, int length, int position, String what)
            throws IOException {
        byte[] bytes = new byte[length];
        int filled = 0;
        while (filled < length) {
            int n = read(file, in, bytes, length - filled, position + filled);
            if (n < 0) {
                throw new IOException("idx: " + file + ": file ends after " + (position + filled) + " bytes; expected "
                        + what);
            }
            filled += n;
        }
        return bytes;
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }
}
