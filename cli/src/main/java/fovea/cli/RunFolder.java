package fovea.cli;

import fovea.io.Json;
import fovea.io.Safetensors;
import fovea.io.TextFiles;
import fovea.nn.Module;
import fovea.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The folder a training run writes: weights, checkpoint, history, curves, diagnostics and results, each atomically. */
public final class RunFolder {
    /** The weights file's name in a run folder. */
    public static final String WEIGHTS = "model.safetensors";
    /** The checkpoint file's name in a run folder. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    private final Path folder;

    RunFolder(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
    }

    /** The folder. */
    public Path path() {
        return folder;
    }

    /** Where the loop writes its checkpoint. */
    public Path checkpoint() {
        return folder.resolve(CHECKPOINT);
    }

    /** model.safetensors: the model's state dict with {@code metadata}. */
    public void writeWeights(Module model, Map<String, String> metadata) throws IOException {
        // sorted: the same run writes the same bytes, whatever order the caller's map iterates in
        Safetensors.write(folder.resolve(WEIGHTS), model.stateDict(), new java.util.TreeMap<>(metadata));
    }

    /** history.csv, history.json and curves.png (the learning curves titled {@code title}). */
    public void writeHistory(History history, String title) throws IOException {
        TextFiles.write(folder.resolve("history.csv"), history.toCsv());
        TextFiles.write(folder.resolve("history.json"), history.toJson());
        TextFiles.write(folder.resolve("curves.png"), Curves.png(history, title));
    }

    /** diagnostics.txt. */
    public void writeDiagnostics(String report) throws IOException {
        TextFiles.write(folder.resolve("diagnostics.txt"), report);
    }

    /** results.json: indented, in the map's order, null for a number that is not finite. */
    public void writeResults(Map<String, Object> results) throws IOException {
        TextFiles.write(folder.resolve("results.json"), Json.writePretty(finite(results)) + "\n");
    }

    /**
     * {@code value} with every NaN or infinite number (a loss that diverged) replaced by null, which JSON can hold;
     * maps and lists are copied, keeping their order.
     */
    public static Object finite(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Double.isFinite(((Number) value).doubleValue()) ? value : null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, member) -> copy.put(key, finite(member)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) copy.add(finite(item));
            return copy;
        }
        return value;
    }
}
