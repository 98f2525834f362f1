package fovea.io;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made safetensors files, byte by byte as the format describes them, for the tests. */
final class Crafted {
    private Crafted() {}

    /** A file of the 8-byte little-endian header length, the header as UTF-8, then {@code buffer}. */
    static Path file(Path folder, String header, byte[] buffer) throws IOException {
        return bytes(folder, content(header, buffer));
    }

    /** The 8-byte little-endian header length, the header as UTF-8, then {@code buffer}. */
    static byte[] content(String header, byte[] buffer) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + buffer.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(buffer).array();
    }

    /**
     * A stream of {@code content} that hands out at most 7 bytes per read, as a network stream may: a reader that
     * assumes one read fills its buffer fails on it.
     */
    static InputStream trickle(byte[] content) {
        return new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    /** A file holding exactly {@code content}. */
    static Path bytes(Path folder, byte[] content) throws IOException {
        Path path = folder.resolve("crafted.safetensors");
        Files.write(path, content);
        return path;
    }

    /** Little-endian bytes from a writer of a buffer of {@code size} bytes. */
    static byte[] littleEndian(int size, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(buffer);
        return buffer.array();
    }
}
