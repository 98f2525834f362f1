package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files, raw and gzip, read back exactly; every kind of broken file gives one error that names it. */
class IdxTest {
    @TempDir Path dir;

    /** An IDX file of unsigned bytes: the magic number for {@code dims} dims, the sizes, then the data. */
    static byte[] idx(int dims, int[] sizes, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);
        buffer.putInt(0x0800 | dims);
        for (int size : sizes) buffer.putInt(size);
        return buffer.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Three 2x2 images whose pixels are 0, 51, 102, ..., and labels 7, 0, 9. */
    static byte[] images() {
        byte[] pixels = new byte[12];
        for (int i = 0; i < 12; i++) pixels[i] = (byte) (i * 51 % 256);
        return idx(3, new int[] {3, 2, 2}, pixels);
    }

    static byte[] labels() {
        return idx(1, new int[] {3}, new byte[] {7, 0, 9});
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test void readsRawAndGzipAlikeWithPixelsScaledToZeroOne() throws IOException {
        TensorDataset raw = Idx.read(write("images-idx3-ubyte", images()), write("labels-idx1-ubyte", labels()));
        TensorDataset gz = Idx.read(write("images-idx3-ubyte.gz", gzip(images())), write("labels-idx1-ubyte.gz", gzip(labels())));
        assertArrayEquals(new int[] {1, 2, 2}, raw.exampleShape());
        float[] expected = new float[12];
        for (int i = 0; i < 12; i++) expected[i] = (i * 51 % 256) / 255f;
        assertArrayEquals(expected, raw.features().toArray());
        assertArrayEquals(expected, gz.features().toArray());
        assertArrayEquals(new float[] {7, 0, 9}, gz.labels().toArray());
        assertEquals("[3, 1, 2, 2]", Idx.readImages(dir.resolve("images-idx3-ubyte.gz")).shape().toString());
        assertEquals(3, Idx.count(dir.resolve("images-idx3-ubyte.gz")));
        assertEquals(3, Idx.count(dir.resolve("labels-idx1-ubyte")));
    }

    private String error(Path images, Path labels) {
        return assertThrows(IOException.class, () -> Idx.read(images, labels)).getMessage();
    }

    @Test void truncatedFilesSayHowManyBytesWereExpectedAndFound() throws IOException {
        Path labels = write("labels", labels());
        Path raw = write("train-images-idx3-ubyte", Arrays.copyOf(images(), 20));
        assertEquals("idx: " + raw + ": expected 28 bytes for 3 images of 2x2; file ends after 20", error(raw, labels));
        Path noTrailer = write("no-trailer.gz", Arrays.copyOf(gzip(images()), gzip(images()).length - 8));
        assertEquals("idx: " + noTrailer + ": expected 28 bytes for 3 images of 2x2; all were read but the gzip stream "
                + "ends early (its checksum trailer is missing: the file is truncated)", error(noTrailer, labels));
        Path header = write("short-header.gz", gzip(Arrays.copyOf(images(), 10)));
        assertEquals("idx: " + header + ": file ends after 10 bytes; expected a 16-byte header for images", error(header, labels));
    }

    @Test void aTruncatedGzipStreamReportsTheBytesItDidHold() throws IOException {
        byte[] big = new byte[300_000];
        new java.util.Random(1).nextBytes(big); // incompressible, so a cut .gz holds a known part of the data
        byte[] file = gzip(idx(3, new int[] {3000, 10, 10}, big));
        Path gz = write("big-idx3-ubyte.gz", Arrays.copyOf(file, 100_000));
        String message = assertThrows(IOException.class, () -> Idx.readImages(gz)).getMessage();
        assertEquals(true, message.matches("idx: .*big-idx3-ubyte.gz: expected 300016 bytes for 3000 images of 10x10; "
                + "file ends after \\d+"), message);
    }

    @Test void wrongMagicOrDimsIsNamed() throws IOException {
        Path labels = write("labels", labels());
        Path text = write("notes.txt", "hello, world, this is text".getBytes());
        assertEquals("idx: " + text + ": not an IDX file of unsigned bytes; magic number is 0x68656C6C, expected "
                + "0x00000803 (images)", error(text, labels));
        assertEquals("idx: " + labels + ": expected 3 dims for images (magic number 0x00000803); got 1 dims "
                + "(magic number 0x00000801)", error(labels, labels));
    }

    @Test void extraBytesAndCountMismatchesAreErrors() throws IOException {
        Path labels = write("labels", labels());
        Path longer = write("longer.gz", gzip(Arrays.copyOf(images(), 29)));
        assertEquals("idx: " + longer + ": expected 28 bytes for 3 images of 2x2; file has more after that",
                error(longer, labels));
        Path twoLabels = write("two-labels", idx(1, new int[] {2}, new byte[] {1, 2}));
        Path images = write("images", images());
        assertEquals("idx: " + twoLabels + " holds 2 labels but " + images + " holds 3 images; expected one label per image",
                error(images, twoLabels));
        Path missing = dir.resolve("missing.gz");
        assertEquals("idx: " + missing + ": no such file", error(missing, labels));
    }
}
