package fovea.io;

import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes safetensors files, the weights format of PyTorch and its ecosystem: an 8-byte little-endian
 * header length, a JSON header naming each tensor's dtype, shape and byte range, then the little-endian row-major
 * bytes. Fovea writes float32; it reads F32 and converts F64, F16, BF16 and the integer and bool types to float32,
 * so PyTorch state dicts (whose BatchNorm counts are I64) load as they are. Files, byte arrays and streams hold the
 * same bytes and are checked alike; reading only parses, so a hostile input can fail but never run anything.
 */
public final class Safetensors {
    // Tensors are copied through a buffer of this many elements, so no tensor needs a second full-size byte copy.
    static final int CHUNK = 1 << 16;
    // The largest array the JVM allocates reliably.
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** What a file holds: the tensors in the file's data order, and its metadata; both unmodifiable. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Contents holding unmodifiable copies of the maps, keeping their order. */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private Safetensors() {}

    /** Writes {@code tensors} as float32, in the map's order, with no metadata; see {@link #write(Path, Map, Map)}. */
    public static void write(Path path, Map<String, Tensor> tensors) throws IOException {
        write(path, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} as float32 in the map's order (a state dict keeps its module order) with string
     * {@code metadata}, atomically: a temporary file in the same folder is renamed over {@code path} when complete.
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Layout layout = Layout.of("safetensors.write: " + path, tensors, metadata);
        AtomicFiles.write(path, channel -> layout.writeTo(Channels.newOutputStream(channel)));
    }

    /**
     * Writes the same bytes as {@link #write(Path, Map, Map)} to {@code out}, which stays open; a bad name or
     * metadata entry is refused before the first byte is written.
     */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Layout.of("safetensors.write", tensors, metadata).writeTo(out);
    }

    /** The bytes {@link #write(Path, Map, Map)} would put in a file; more than a byte array holds is an error. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Layout layout = Layout.of("safetensors.toBytes", tensors, metadata);
        long size = layout.size();
        if (size > MAX_ARRAY) {
            throw new IllegalArgumentException("safetensors.toBytes: too large for one byte array; got " + size
                    + " bytes, expected at most " + MAX_ARRAY + " (write to a stream instead)");
        }
        ArraySink sink = new ArraySink((int) size);
        try {
            layout.writeTo(sink);
        } catch (IOException e) {
            throw new AssertionError("an array sink does not fail", e);
        }
        return sink.bytes;
    }

    /** Reads a safetensors file, validating it fully; every problem is an IOException naming the file. */
    public static Contents read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return SafetensorsReader.read(Channels.newInputStream(channel), channel.size(), "safetensors: " + path, "file");
        }
    }

    /** Reads safetensors bytes (what {@link #toBytes} gives), validating them as {@link #read(Path)} does a file. */
    public static Contents read(byte[] bytes) throws IOException {
        return SafetensorsReader.read(new ByteArrayInputStream(bytes), bytes.length, "safetensors: bytes", "input");
    }

    /** Reads a safetensors stream to its end; see {@link #read(InputStream, String)}. */
    public static Contents read(InputStream in) throws IOException {
        return read(in, "stream");
    }

    /**
     * Reads a safetensors stream to its end, leaving it open, with the checks {@link #read(Path)} makes of a file:
     * a stream that ends early, or goes on after the last tensor, is an IOException starting
     * {@code safetensors: <name>:} that says how many bytes were expected and how many came. Memory grows with the
     * bytes that arrive, not with the sizes a header claims.
     */
    public static Contents read(InputStream in, String name) throws IOException {
        return SafetensorsReader.read(in, Header.UNKNOWN, "safetensors: " + name, "stream");
    }

    /** The names, tensors and header of a write, checked before anything is written. */
    private record Layout(List<Tensor> values, byte[] header) {
        static Layout of(String op, Map<String, Tensor> tensors, Map<String, String> metadata) {
            List<String> names = new ArrayList<>(tensors.size());
            List<Tensor> values = new ArrayList<>(tensors.size());
            List<Shape> shapes = new ArrayList<>(tensors.size());
            tensors.forEach((name, tensor) -> {
                if (name == null || tensor == null || name.equals(Header.METADATA)) {
                    throw new IllegalArgumentException(op + ": bad tensor entry; got " + name + " = "
                            + (tensor == null ? "null" : tensor.shape()) + ", expected a name other than "
                            + Header.METADATA + " and a tensor");
                }
                names.add(name);
                values.add(tensor);
                shapes.add(tensor.shape());
            });
            metadata.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new IllegalArgumentException(op + ": bad metadata entry; got " + key + " = " + value
                            + ", expected a string key and value");
                }
            });
            return new Layout(values, Header.encode(op, names, shapes, metadata));
        }

        long size() {
            long size = 8L + header.length;
            for (Tensor tensor : values) size += 4L * tensor.numel();
            return size;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length).array());
            out.write(header);
            ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor tensor : values) {
                float[] data = tensor.toArray();
                for (int from = 0; from < data.length; from += CHUNK) {
                    int count = Math.min(CHUNK, data.length - from);
                    chunk.clear();
                    chunk.asFloatBuffer().put(data, from, count);
                    out.write(chunk.array(), 0, 4 * count);
                }
            }
            out.flush();
        }
    }

    /** An output stream into an array of the size known in advance, so toBytes copies each byte once. */
    private static final class ArraySink extends OutputStream {
        final byte[] bytes;
        private int size;

        ArraySink(int capacity) {
            bytes = new byte[capacity];
        }

        @Override public void write(int b) {
            bytes[size++] = (byte) b;
        }

        @Override public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }
    }
}
