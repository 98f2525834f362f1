package fovea.io;

import fovea.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads safetensors bytes front to back from a stream whose length is known (a file, an array) or not (a socket).
 * Known, everything is checked before any tensor is allocated; unknown, the header is checked as far as it can be,
 * and when the stream ends early or runs on, the header is checked again against the bytes that really came, so the
 * error is the one the same bytes in a file give.
 */
final class SafetensorsReader {
    private static final int MAX_DTYPE_BYTES = 8;

    private final InputStream in;
    private final String source;
    private final byte[] chunk = new byte[Safetensors.CHUNK * MAX_DTYPE_BYTES];
    private long lastCount;   // bytes of the entry being read that came before the stream ended

    private SafetensorsReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /**
     * The contents of {@code in}, which holds {@code totalBytes} bytes or {@link Header#UNKNOWN}; errors start with
     * {@code source}, and {@code noun} ("file", "stream") names what ended.
     */
    static Safetensors.Contents read(InputStream in, long totalBytes, String source, String noun) throws IOException {
        return new SafetensorsReader(in, source).contents(totalBytes, noun);
    }

    private Safetensors.Contents contents(long totalBytes, String noun) throws IOException {
        byte[] length = in.readNBytes(8);
        if (length.length < 8) {
            throw new IOException(source + ": too short to hold the header length; got " + length.length
                    + " bytes, expected at least 8");
        }
        long headerBytes = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerBytes < 0 || headerBytes > Header.MAX_BYTES) {
            throw new IOException(source + ": header length is over the limit; got " + Long.toUnsignedString(headerBytes)
                    + " bytes, expected at most " + Header.MAX_BYTES);
        }
        if (totalBytes != Header.UNKNOWN && headerBytes > totalBytes - 8) {
            throw pastTheEnd(headerBytes, totalBytes, noun);
        }
        // readNBytes grows its result as bytes arrive: a hostile length costs only what is really sent.
        byte[] headerContent = in.readNBytes((int) headerBytes);
        if (headerContent.length < headerBytes) throw pastTheEnd(headerBytes, 8L + headerContent.length, noun);
        String json = utf8(headerContent);
        long bufferBytes = totalBytes == Header.UNKNOWN ? Header.UNKNOWN : totalBytes - 8 - headerBytes;
        Header header = Header.parse(json, bufferBytes, source);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long done = 0;   // buffer bytes read so far
        for (Header.Entry entry : header.entries()) {
            float[] values = values(entry, bufferBytes != Header.UNKNOWN);
            if (values == null) {
                long arrived = done + lastCount;
                if (bufferBytes == Header.UNKNOWN) Header.parse(json, arrived, source);   // throws the file's error
                throw new IOException(source + ": " + noun + " ended early; got " + (8 + headerBytes + arrived)
                        + " bytes, expected at least " + (8 + headerBytes + entry.end()));
            }
            done = entry.end();
            tensors.put(entry.name(), Tensor.of(values, entry.shape()));
        }
        if (bufferBytes == Header.UNKNOWN) {
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) Header.parse(json, done + extra, source);   // throws: bytes after the last tensor
        }
        return new Safetensors.Contents(tensors, header.metadata());
    }

    /**
     * The entry's elements as floats, or null if the stream ends first (then {@link #lastCount} says how many of
     * its bytes came). With the length unknown the array grows as the bytes arrive.
     */
    private float[] values(Header.Entry entry, boolean sizeKnown) throws IOException {
        int numel = entry.shape().numel();
        int size = entry.dtype().size();
        float[] values = new float[sizeKnown ? numel : Math.min(numel, Safetensors.CHUNK)];
        lastCount = 0;
        for (int from = 0; from < numel; from += Safetensors.CHUNK) {
            int count = Math.min(Safetensors.CHUNK, numel - from);
            if (from + count > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(numel, Math.max(from + count, 2L * values.length)));
            }
            int got = in.readNBytes(chunk, 0, count * size);
            lastCount += got;
            if (got < count * size) return null;
            entry.dtype().decode(ByteBuffer.wrap(chunk, 0, got).order(ByteOrder.LITTLE_ENDIAN), values, from, count);
        }
        return values;
    }

    private IOException pastTheEnd(long headerBytes, long totalBytes, String noun) {
        return new IOException(source + ": header length runs past the end of the " + noun + "; got " + headerBytes
                + " bytes, expected at most " + (totalBytes - 8) + " (the " + noun + " has " + totalBytes + " bytes)");
    }

    private String utf8(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(buffer).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops with the buffer at the first bad byte.
            throw new IOException(source + ": header is not valid UTF-8; got a bad byte at header byte " + buffer.position()
                    + ", expected UTF-8 JSON", e);
        }
    }
}
