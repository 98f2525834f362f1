package fovea.nn;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * Modules applied in order; children are named 0, 1, 2 ... as in PyTorch, or given names (an OrderedDict there).
 * Each layer is a stage that can be tapped by its name.
 */
public final class Sequential extends Module implements Backbone {
    private final List<Module> layers = new java.util.ArrayList<>();

    /** The given modules in order, named 0, 1, 2 ... */
    public Sequential(Module... layers) {
        this.layers.addAll(List.of(layers));
        for (int i = 0; i < layers.length; i++) child(Integer.toString(i), layers[i]);
    }

    /** The given modules in the map's order, under its names (as PyTorch's Sequential(OrderedDict(...))). */
    public Sequential(java.util.LinkedHashMap<String, Module> named) {
        this.layers.addAll(named.values());
        named.forEach(this::child);
    }

    /** The names of the layers, in order. */
    public List<String> names() {
        return List.copyOf(children().keySet());
    }

    /** The layers in order. */
    public List<Module> layers() {
        return List.copyOf(layers);
    }

    /** Called by {@link Module#replace} after it swapped the child {@code name}. */
    void replaced(String name, Module replacement) {
        layers.set(names().indexOf(name), replacement);
    }

    @Override public List<String> stageNames() {
        return names();
    }

    @Override public java.util.Map<String, Tensor> stages(Tensor x, String... names) {
        return stages("Sequential", "", x, names);
    }

    /** {@link #stages}, for a model whose stages are this container's layers under {@code prefix} ("features."). */
    public java.util.Map<String, Tensor> stages(String model, String prefix, Tensor x, String... names) {
        List<String> stageNames = names().stream().map(name -> prefix + name).toList();
        Tap tap = new Tap(model, stageNames, names);
        Tensor y = x;
        for (int i = 0; i < layers.size(); i++) {
            y = layers.get(i).call(y);
            if (tap.add(stageNames.get(i), y)) break;
        }
        return tap.outputs();
    }

    @Override protected Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module layer : layers) y = layer.call(y);
        return y;
    }
}
