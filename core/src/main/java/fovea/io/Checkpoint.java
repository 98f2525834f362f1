package fovea.io;

import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything needed to resume training, in one safetensors file that PyTorch tools can open: the model's state
 * dict (tensors named {@code model.*}), the optimizer's state ({@code optimizer.*}), and as metadata strings the
 * epoch, the step, the random generator's state and whatever else the trainer records. Maps keep it independent
 * of the modules, optimizers and trainer that fill it.
 *
 * @param model the model's state dict, as {@code Module.stateDict()} gives it
 * @param optimizer the optimizer's state, named as the optimizer chooses
 * @param epoch the number of epochs completed
 * @param step the number of optimizer steps taken
 * @param generatorState the random generator's state words ({@code Generator.state()}); empty when there is none
 * @param extra any other strings the trainer keeps, under keys other than the reserved ones
 */
public record Checkpoint(Map<String, Tensor> model, Map<String, Tensor> optimizer, long epoch, long step,
                         long[] generatorState, Map<String, String> extra) {
    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String FORMAT = "fovea.checkpoint";
    private static final String VERSION = "1";
    private static final String EPOCH = "epoch";
    private static final String STEP = "step";
    private static final String GENERATOR = "generator";
    /** Metadata keys the checkpoint itself uses, which {@link #extra} may not. */
    public static final Set<String> RESERVED_KEYS = Set.of(FORMAT, EPOCH, STEP, GENERATOR);

    /** A checkpoint holding unmodifiable copies of the maps and the state; counts must be >= 0. */
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
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
        generatorState = generatorState.clone();
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A copy of the generator's state words, so the record stays immutable. */
    @Override public long[] generatorState() {
        return generatorState.clone();
    }

    /** Writes {@code checkpoint} to {@code path} atomically: a crash leaves the previous checkpoint in place. */
    public static void write(Path path, Checkpoint checkpoint) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        checkpoint.model.forEach((name, tensor) -> tensors.put(MODEL + name, tensor));
        checkpoint.optimizer.forEach((name, tensor) -> tensors.put(OPTIMIZER + name, tensor));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, VERSION);
        metadata.put(EPOCH, Long.toString(checkpoint.epoch));
        metadata.put(STEP, Long.toString(checkpoint.step));
        metadata.put(GENERATOR, Arrays.stream(checkpoint.generatorState).mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
        metadata.putAll(checkpoint.extra);
        Safetensors.write(path, tensors, metadata);
    }

    /** Reads a checkpoint written by {@link #write}; a file that is not one is an IOException naming it. */
    public static Checkpoint read(Path path) throws IOException {
        Safetensors.Contents contents = Safetensors.read(path);
        String source = "checkpoint: " + path;
        Map<String, String> metadata = contents.metadata();
        if (!VERSION.equals(metadata.get(FORMAT))) {
            throw new IOException(source + ": not a Fovea checkpoint; got metadata " + FORMAT + "=" + metadata.get(FORMAT)
                    + ", expected " + VERSION);
        }
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        for (var entry : contents.tensors().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(MODEL)) model.put(name.substring(MODEL.length()), entry.getValue());
            else if (name.startsWith(OPTIMIZER)) optimizer.put(name.substring(OPTIMIZER.length()), entry.getValue());
            else throw new IOException(source + ": tensor " + name + " belongs to neither part; expected a name "
                        + "starting with " + MODEL + " or " + OPTIMIZER);
        }
        long epoch = count(metadata, EPOCH, source);
        long step = count(metadata, STEP, source);
        long[] generatorState = generatorState(metadata.get(GENERATOR), source);
        Map<String, String> extra = new LinkedHashMap<>(metadata);
        extra.keySet().removeAll(RESERVED_KEYS);
        return new Checkpoint(model, optimizer, epoch, step, generatorState, extra);
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
                && model.equals(that.model) && optimizer.equals(that.optimizer)
                && Arrays.equals(generatorState, that.generatorState) && extra.equals(that.extra);
    }

    /** Consistent with {@link #equals}. */
    @Override public int hashCode() {
        return Objects.hash(model, optimizer, epoch, step, Arrays.hashCode(generatorState), extra);
    }

    /** The parts in brief: tensor names, counts, generator state and extras. */
    @Override public String toString() {
        return "Checkpoint[model=" + model.keySet() + ", optimizer=" + optimizer.keySet() + ", epoch=" + epoch
                + ", step=" + step + ", generatorState=" + Arrays.toString(generatorState) + ", extra=" + extra + "]";
    }
}
