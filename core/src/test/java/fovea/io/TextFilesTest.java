package fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text and bytes land whole, replacing what was there, with no temporary file left. */
class TextFilesTest {
    @Test void writesAndReplaces(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        TextFiles.write(file, "{\"a\": 1}");
        TextFiles.write(file, "{\"a\": 2, \"é\": true}");
        assertEquals("{\"a\": 2, \"é\": true}", Files.readString(file));
        TextFiles.write(dir.resolve("b.bin"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("b.bin")));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }
}
