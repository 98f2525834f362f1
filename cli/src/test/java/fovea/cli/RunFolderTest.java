package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json: indented JSON in the order the command put the values, null where a number is not finite. */
class RunFolderTest {
    @Test void resultsAreIndentedJsonWithNullForNonFiniteNumbers(@TempDir Path dir) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("model", "mlp");
        results.put("epochs", 2);
        results.put("lr", 0.01f);
        results.put("test_loss", Double.NaN);               // a run that diverged
        results.put("epoch_seconds", List.of(1.5, Double.POSITIVE_INFINITY));
        new RunFolder(dir).writeResults(results);
        assertEquals("""
                {
                  "model": "mlp",
                  "epochs": 2,
                  "lr": 0.01,
                  "test_loss": null,
                  "epoch_seconds": [
                    1.5,
                    null
                  ]
                }
                """, Files.readString(dir.resolve("results.json")));
        assertEquals(Double.NaN, results.get("test_loss"), "the caller's map is left as it was");
    }
}
