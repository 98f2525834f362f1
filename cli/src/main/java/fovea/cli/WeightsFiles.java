package fovea.cli;

import fovea.io.Safetensors;
import fovea.nn.Module;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The weights files the commands write and read back: each writer records itself under {@link #WRITTEN_BY}, and a
 * reader given another command's file, a file that is not there or not safetensors, or weights that do not fit its
 * model says so in one line that names the file.
 */
public final class WeightsFiles {
    /** The metadata key naming the command that wrote the file, such as "fovea train". */
    public static final String WRITTEN_BY = "written_by";
    /** The commands that read back what each writer wrote; fovea linear's weights are for other programs. */
    private static final Map<String, String> READERS = Map.of("fovea train", "fovea eval or fovea predict",
            "fovea charrnn train", "fovea charrnn sample");

    private WeightsFiles() {}

    /** The safetensors file given to {@code option}; one that is missing or not safetensors is a usage error naming it. */
    public static Safetensors.Contents read(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), option + ": no file at " + file
                    + "; expected the model.safetensors (or checkpoint.safetensors) of a run folder");
        }
        try {
            return Safetensors.read(file);
        } catch (FileSystemException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied" : e.getReason();
            throw new ParameterException(spec.commandLine(), option + ": cannot read " + file
                    + (reason == null ? "" : ": " + reason));
        } catch (IOException e) {
            // core's message starts with "safetensors: FILE: "; what follows is what it expected and found
            String prefix = "safetensors: " + file + ": ";
            String message = String.valueOf(e.getMessage());
            throw new ParameterException(spec.commandLine(), option + ": " + file + " is not a safetensors file ("
                    + (message.startsWith(prefix) ? message.substring(prefix.length()) : message) + ")");
        }
    }

    /**
     * The command that wrote a file with this {@code metadata}: its {@link #WRITTEN_BY}, or for a file written before
     * that key, what its model's name says (charrnn, linear-LOSS, any other name: fovea train); null without either.
     */
    public static String writer(Map<String, String> metadata) {
        String recorded = metadata.get(WRITTEN_BY);
        if (recorded != null) return recorded;
        String model = metadata.get("model");
        if (model == null) return null;
        if (model.equals("charrnn")) return "fovea charrnn train";
        return model.startsWith("linear-") ? "fovea linear" : "fovea train";
    }

    /**
     * A usage error unless the file was written by {@code expected} (or does not say who wrote it): "FILE was written
     * by fovea charrnn train, not fovea train; read it with fovea charrnn sample".
     */
    public static void requireWriter(CommandSpec spec, String option, Path file, Map<String, String> metadata,
                                     String expected) {
        String writer = writer(metadata);
        if (writer == null || writer.equals(expected)) return;
        String reader = READERS.get(writer);
        throw new ParameterException(spec.commandLine(), option + ": " + file + " was written by " + writer + ", not "
                + expected + "; " + (reader == null ? "no fovea command reads it back" : "read it with " + reader));
    }

    /**
     * Loads {@code tensors} from {@code file} into {@code model} (named {@code name} in the message, {@code hint} after
     * it, such as the model the file names). Weights that do not fit are a usage error of one line saying how many
     * tensors differ and how, with the first of each kind; with {@code verbose}, every one follows on its own line.
     */
    public static void load(CommandSpec spec, String option, Path file, Module model, String name,
                            Map<String, Tensor> tensors, boolean verbose, String hint) {
        try {
            model.loadStateDict(tensors);
        } catch (IllegalArgumentException e) {
            String summary = option + ": " + file + " does not fit " + name + hint + ": "
                    + differences(model.stateDict(), tensors);
            // core's message lists every problem, one a line after its first
            throw new ParameterException(spec.commandLine(), verbose
                    ? summary + ":\n" + e.getMessage().lines().skip(1).map(line -> "  " + line.strip())
                        .collect(Collectors.joining("\n"))
                    : summary + "; --verbose lists them all");
        }
    }

    /** "14 tensors differ (8 missing, such as features.0.weight; 6 unexpected, such as 1.weight)". */
    static String differences(Map<String, Tensor> own, Map<String, Tensor> given) {
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), reshaped = new ArrayList<>();
        own.forEach((key, tensor) -> {
            Tensor other = given.get(key);
            if (other == null) missing.add(key);
            else if (!other.shape().equals(tensor.shape())) {
                reshaped.add(key + " is " + tensor.shape() + " in the model, " + other.shape() + " in the file");
            }
        });
        for (String key : given.keySet()) if (!own.containsKey(key)) unexpected.add(key);
        List<String> kinds = new ArrayList<>();
        if (!missing.isEmpty()) kinds.add(missing.size() + " missing, such as " + missing.get(0));
        if (!unexpected.isEmpty()) kinds.add(unexpected.size() + " unexpected, such as " + unexpected.get(0));
        if (!reshaped.isEmpty()) kinds.add(reshaped.size() + " of another shape, such as " + reshaped.get(0));
        int count = missing.size() + unexpected.size() + reshaped.size();
        return count + (count == 1 ? " tensor differs (" : " tensors differ (") + String.join("; ", kinds) + ")";
    }
}
