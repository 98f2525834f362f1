package fovea.io;

import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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
 * so PyTorch state dicts (whose BatchNorm counts are I64) load as they are.
 */
public final class Safetensors {
    // Tensors are copied through a buffer of this many elements, so no tensor needs a second full-size byte copy.
    private static final int CHUNK = 1 << 16;

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
        List<String> names = new ArrayList<>(tensors.size());
        List<Tensor> values = new ArrayList<>(tensors.size());
        List<Shape> shapes = new ArrayList<>(tensors.size());
        tensors.forEach((name, tensor) -> {
            if (name == null || tensor == null || name.equals(Header.METADATA)) {
                throw new IllegalArgumentException("safetensors.write: " + path + ": bad tensor entry; got "
                        + name + " = " + (tensor == null ? "null" : tensor.shape())
                        + ", expected a name other than " + Header.METADATA + " and a tensor");
            }
            names.add(name);
            values.add(tensor);
            shapes.add(tensor.shape());
        });
        metadata.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("safetensors.write: " + path + ": bad metadata entry; got "
                        + key + " = " + value + ", expected a string key and value");
            }
        });
        byte[] header = Header.encode(names, shapes, metadata);
        AtomicFiles.write(path, channel -> {
            writeFully(channel, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
            writeFully(channel, ByteBuffer.wrap(header));
            ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor tensor : values) {
                float[] data = tensor.toArray();
                for (int from = 0; from < data.length; from += CHUNK) {
                    int count = Math.min(CHUNK, data.length - from);
                    chunk.clear();
                    chunk.asFloatBuffer().put(data, from, count);
                    chunk.limit(4 * count);
                    writeFully(channel, chunk);
                }
            }
        });
    }

    /** Reads a safetensors file, validating it fully; every problem is an IOException naming the file. */
    public static Contents read(Path path) throws IOException {
        String source = "safetensors: " + path;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileBytes = channel.size();
            if (fileBytes < 8) {
                throw new IOException(source + ": too short to hold the header length; got " + fileBytes
                        + " bytes, expected at least 8");
            }
            long headerBytes = readFully(channel, 0, 8, source).getLong();
            if (headerBytes < 0 || headerBytes > Header.MAX_BYTES) {
                throw new IOException(source + ": header length is over the limit; got " + Long.toUnsignedString(headerBytes)
                        + " bytes, expected at most " + Header.MAX_BYTES);
            }
            if (headerBytes > fileBytes - 8) {
                throw new IOException(source + ": header length runs past the end of the file; got " + headerBytes
                        + " bytes, expected at most " + (fileBytes - 8) + " (the file has " + fileBytes + " bytes)");
            }
            String json = utf8(readFully(channel, 8, (int) headerBytes, source), source);
            long bufferStart = 8 + headerBytes;
            Header header = Header.parse(json, fileBytes - bufferStart, source);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Header.Entry entry : header.entries()) {
                tensors.put(entry.name(), Tensor.of(values(channel, bufferStart, entry, source), entry.shape()));
            }
            return new Contents(tensors, header.metadata());
        }
    }

    private static float[] values(FileChannel channel, long bufferStart, Header.Entry entry, String source)
            throws IOException {
        float[] values = new float[entry.shape().numel()];
        int size = entry.dtype().size();
        for (int from = 0; from < values.length; from += CHUNK) {
            int count = Math.min(CHUNK, values.length - from);
            ByteBuffer bytes = readFully(channel, bufferStart + entry.begin() + (long) from * size, count * size, source);
            entry.dtype().decode(bytes, values, from, count);
        }
        return values;
    }

    private static String utf8(ByteBuffer bytes, String source) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops with the buffer at the first bad byte.
            throw new IOException(source + ": header is not valid UTF-8; got a bad byte at header byte " + bytes.position()
                    + ", expected UTF-8 JSON", e);
        }
    }

    /** {@code count} bytes from {@code position}, little-endian and flipped for reading. */
    private static ByteBuffer readFully(FileChannel channel, long position, int count, String source) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                // The size was checked up front, so only a file shrinking under us gets here.
                throw new IOException(source + ": file ended early; got " + (position + buffer.position())
                        + " bytes, expected at least " + (position + count));
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) channel.write(buffer);
    }
}
