package fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write either replaces the file whole or leaves the old one untouched, and never leaves a temporary file. */
class AtomicFilesTest {
    @TempDir Path folder;

    @Test void replacesAnExistingFile() throws IOException {
        Path target = folder.resolve("file.bin");
        Files.write(target, new byte[] {1, 2, 3});
        AtomicFiles.write(target, channel -> channel.write(ByteBuffer.wrap(new byte[] {4, 5})));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test void aFailureHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = folder.resolve("file.bin");
        Files.write(target, new byte[] {1, 2, 3});
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[1000]));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[10]));
            throw new IllegalStateException("a bug in the writer");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test void aFailedRenameLeavesNoTemporaryFile() throws IOException {
        Path occupied = Files.createDirectory(folder.resolve("model.safetensors"));
        Files.write(occupied.resolve("inside"), new byte[] {7});
        assertThrows(IOException.class, () -> Safetensors.write(occupied, Map.of("w", Tensor.ones(3))));
        assertEquals(List.of(occupied), listing());
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(occupied.resolve("inside")));
    }

    @Test void aMissingFolderFailsWithoutCreatingAnything() {
        Path target = folder.resolve("no such folder").resolve("model.safetensors");
        assertThrows(IOException.class, () -> Safetensors.write(target, Map.of("w", Tensor.ones(3))));
        assertEquals(false, Files.exists(target.getParent()));
    }

    @Test void aBareFileNameWritesIntoTheWorkingFolder() throws IOException {
        Path relative = Path.of("atomic-files-test.safetensors");   // no parent: the folder comes from the absolute path
        try {
            Safetensors.write(relative, Map.of("w", Tensor.ones(3)));
            assertArrayEquals(new float[] {1, 1, 1}, Safetensors.read(relative).tensors().get("w").toArray());
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
