package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.MainTest;
import fovea.models.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fovea models: one line a model, the descriptions in one column however long the names. */
class ModelsCommandTest {
    @Test void theDescriptionsStartInOneColumnAfterTheLongestName() {
        MainTest.Run run = MainTest.run("models");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(Models.entries().size(), lines.size());
        int longest = Models.entries().stream().mapToInt(entry -> entry.name().length()).max().orElseThrow();
        assertTrue(longest > 12, "a name longer than the old 12-character column: " + longest);
        for (int i = 0; i < lines.size(); i++) {
            Models.Entry entry = Models.entries().get(i);
            assertTrue(lines.get(i).startsWith(entry.name() + " "), lines.get(i));
            assertEquals(entry.description(), lines.get(i).substring(longest + 2), "the description column: " + run.out());
        }
    }
}
