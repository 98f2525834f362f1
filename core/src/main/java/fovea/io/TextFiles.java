package fovea.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes text files (histories, results, reports) atomically, like every other file Fovea writes. */
public final class TextFiles {
    private TextFiles() {}

    /** Writes {@code text} as UTF-8 to {@code target} through a temporary file renamed into place. */
    public static void write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
        });
    }

    /** Writes raw bytes (an image, say) to {@code target} through a temporary file renamed into place. */
    public static void write(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
        });
    }
}
