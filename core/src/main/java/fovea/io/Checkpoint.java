package fovea.io;

import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to resume training, in one safetensors file that PyTorch tools can open: a named bag of
 * {@link Stateful} parts (a task's models, optimizers, schedules, generators, buffers), each part's tensors stored
 * as {@code part.key} ({@code model.features.0.weight}, {@code optimizer.0.exp_avg}), and as metadata strings the
 * epoch, the step and whatever else the loop records (its history).
 *
 * <p>Files of the first format (a model, an optimizer and a generator's words in the metadata) are read as the
 * parts {@code model}, {@code optimizer} and {@code generator}.
 *
 * @param parts per part name (no dots), its state dict
 * @param epoch the number of epochs completed
 * @param step the number of training steps taken
 * @param extra any other strings the loop keeps, under keys other than the reserved ones
 */
public record Checkpoint(Map<String, Map<String, Tensor>> parts, long epoch, long step, Map<String, String> extra) {
    private static final String FORMAT = "fovea.checkpoint";
    private static final String VERSION = "2";
    private static final String FIRST_VERSION = "1";
    private static final String EPOCH = "epoch";
    private static final String STEP = "step";
    private static final String GENERATOR = "generator";
    /** Metadata keys the checkpoint itself uses, which {@link #extra} may not. */
    public static final Set<String> RESERVED_KEYS = Set.of(FORMAT, EPOCH, STEP, GENERATOR);

    /** A checkpoint holding unmodifiable copies of the maps; counts must be >= 0, part names non-empty without dots. */
    public Checkpoint {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("Checkpoint: epoch and step must be >= 0; got epoch=" + epoch + ", step=" + step);
        }
        for (String key : extra.keySet()) {
            if (RESERVED_KEYS.contains(key)) {
                throw new IllegalArgumentException("Checkpoint: extra key " + key + " is reserved; got "
                        + extra.keySet() + ", expected none of " + RESERVED_KEYS);
            }
        }
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        parts.forEach((name, state) -> {
            if (name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("Checkpoint: a part name must be non-empty and without dots; got \"" + name + "\"");
            }
            copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(state)));
        });
        parts = Collections.unmodifiableMap(copy);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * The state of every part now, copied, so that training on does not change the checkpoint: what
     * {@link #restore} later puts back.
     */
    public static Checkpoint of(Map<String, ? extends Stateful> parts, long epoch, long step, Map<String, String> extra) {
        Map<String, Map<String, Tensor>> states = new LinkedHashMap<>();
        parts.forEach((name, part) -> {
            Map<String, Tensor> state = new LinkedHashMap<>();
            part.stateDict().forEach((key, tensor) -> state.put(key, tensor.copy()));
            states.put(name, state);
        });
        return new Checkpoint(states, epoch, step, extra);
    }

    /** The state dict of part {@code name}; an error lists the parts there are. */
    public Map<String, Tensor> part(String name) {
        Map<String, Tensor> state = parts.get(name);
        if (state == null) throw new IllegalArgumentException("Checkpoint: no part " + name + "; got " + parts.keySet());
        return state;
    }

    /**
     * Loads every part into the object of the same name. Strict: a part missing from the checkpoint or one the task
     * does not have fails, listing both sets, before anything is loaded; each part's own load is strict too.
     */
    public void restore(Map<String, ? extends Stateful> into) {
        List<String> problems = new ArrayList<>();
        for (String name : into.keySet()) if (!parts.containsKey(name)) problems.add("missing part: " + name);
        for (String name : parts.keySet()) if (!into.containsKey(name)) problems.add("unexpected part: " + name);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Checkpoint.restore: the checkpoint holds " + parts.keySet() + ", the task "
                    + into.keySet() + "\n  " + String.join("\n  ", problems));
        }
        into.forEach((name, part) -> part.loadStateDict(parts.get(name)));
    }

    /** Writes {@code checkpoint} to {@code path} atomically: a crash leaves the previous checkpoint in place. */
    public static void write(Path path, Checkpoint checkpoint) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        checkpoint.parts.forEach((part, state) -> state.forEach((key, tensor) -> tensors.put(part + "." + key, tensor)));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, VERSION);
        metadata.put(EPOCH, Long.toString(checkpoint.epoch));
        metadata.put(STEP, Long.toString(checkpoint.step));
        metadata.putAll(checkpoint.extra);
        Safetensors.write(path, tensors, metadata);
    }

    /** Reads a checkpoint written by {@link #write}; a file that is not one is an IOException naming it. */
    public static Checkpoint read(Path path) throws IOException {
        Safetensors.Contents contents = Safetensors.read(path);
        String source = "checkpoint: " + path;
        Map<String, String> metadata = contents.metadata();
        String version = metadata.get(FORMAT);
        if (!VERSION.equals(version) && !FIRST_VERSION.equals(version)) {
            throw new IOException(source + ": not a Fovea checkpoint; got metadata " + FORMAT + "=" + version
                    + ", expected " + VERSION + " (or " + FIRST_VERSION + ")");
        }
        Map<String, Map<String, Tensor>> parts = new LinkedHashMap<>();
        for (var entry : contents.tensors().entrySet()) {
            String name = entry.getKey();
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                throw new IOException(source + ": tensor " + name + " belongs to no part; expected a name part.key");
            }
            parts.computeIfAbsent(name.substring(0, dot), k -> new LinkedHashMap<>()).put(name.substring(dot + 1), entry.getValue());
        }
        if (FIRST_VERSION.equals(version)) {
            long[] words = generatorState(metadata.get(GENERATOR), source);
            if (words.length > 0) parts.put(GENERATOR, Map.of("state", Stateful.words(words)));
        }
        long epoch = count(metadata, EPOCH, source);
        long step = count(metadata, STEP, source);
        Map<String, String> extra = new LinkedHashMap<>(metadata);
        extra.keySet().removeAll(RESERVED_KEYS);
        return new Checkpoint(parts, epoch, step, extra);
    }

    private static long count(Map<String, String> metadata, String key, String source) throws IOException {
        String text = metadata.get(key);
        if (text != null && text.matches("[0-9]{1,18}")) return Long.parseLong(text);   // 18 digits cannot overflow
        throw new IOException(source + ": bad metadata " + key + "; got " + text + ", expected a whole number >= 0");
    }

    private static long[] generatorState(String text, String source) throws IOException {
        if (text == null) throw new IOException(source + ": missing metadata " + GENERATOR + "; expected the state words");
        if (text.isEmpty()) return new long[0];
        try {
            return Arrays.stream(text.split(",", -1)).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IOException(source + ": bad metadata " + GENERATOR + "; got " + text
                    + ", expected whole numbers separated by commas", e);
        }
    }

    /** Equal when every part is equal; tensors compare by identity, as tensors do. */
    @Override public boolean equals(Object other) {
        return other instanceof Checkpoint that && epoch == that.epoch && step == that.step
                && parts.equals(that.parts) && extra.equals(that.extra);
    }

    /** Consistent with {@link #equals}. */
    @Override public int hashCode() {
        return Objects.hash(parts, epoch, step, extra);
    }

    /** The parts in brief: part and tensor names, counts and extras. */
    @Override public String toString() {
        StringBuilder text = new StringBuilder("Checkpoint[");
        parts.forEach((name, state) -> text.append(name).append('=').append(state.keySet()).append(", "));
        return text.append("epoch=").append(epoch).append(", step=").append(step).append(", extra=").append(extra)
                .append(']').toString();
    }
}
