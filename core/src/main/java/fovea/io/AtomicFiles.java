package fovea.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the whole new one: the bytes go to a temporary file in
 * the same folder, are flushed to disk, and the temporary file is then renamed over the target.
 */
final class AtomicFiles {
    /** What writes the new file's bytes. */
    @FunctionalInterface
    interface Body {
        /** Writes the whole content to {@code channel}. */
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code target} with {@code body}; on any failure the old target is untouched and no temporary file remains. */
    static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        // Same folder, so the rename never crosses file systems; the leading dot hides it from casual listings.
        Path temp = folder.resolve("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            // CREATE_NEW rather than Files.createTempFile: the result gets the folder's usual permissions, not 0600.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(channel);
                channel.force(true);   // the bytes are on disk before any name points at them
            }
            move(temp, absolute);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        syncFolder(folder);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable where the platform allows opening a folder (POSIX); elsewhere a no-op. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the file is complete and in place either way.
        }
    }
}
