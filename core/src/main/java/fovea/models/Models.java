package fovea.models;

import fovea.nn.Flatten;
import fovea.nn.Linear;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/** The registry of models by name: {@code Models.create("mlp", ModelConfig.fashionMnist(), random)}. */
public final class Models {
    /** A registered model: its name, a one-line description, and how to build it. */
    public record Entry(String name, String description, BiFunction<ModelConfig, RandomGenerator, Module> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register("softmax", "linear softmax classifier: Flatten-FC(classes)", (config, random) ->
                new Sequential(new Flatten(), new Linear(config.inputSize(), config.classes(), random)));
        register("mlp", "multilayer perceptron: Flatten-FC512-ReLU-FC(classes)", (config, random) ->
                new Sequential(new Flatten(), new Linear(config.inputSize(), 512, random), new Relu(),
                        new Linear(512, config.classes(), random)));
    }

    private Models() {}

    private static void register(String name, String description, BiFunction<ModelConfig, RandomGenerator, Module> factory) {
        ENTRIES.put(name, new Entry(name, description, factory));
    }

    /** The registered models in a stable order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** Builds the named model for {@code config}, initialized from {@code random}. */
    public static Module create(String name, ModelConfig config, RandomGenerator random) {
        Entry entry = ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("models: unknown model \"" + name + "\"; expected one of "
                    + String.join(", ", ENTRIES.keySet()));
        }
        return entry.factory().apply(config, random);
    }
}
