package fovea.nn;

import fovea.tensor.Tensor;
import java.util.List;

/** Modules applied in order; children are named 0, 1, 2 ... as in PyTorch, or given names (an OrderedDict there). */
public final class Sequential extends Module {
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

    @Override protected Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module layer : layers) y = layer.call(y);
        return y;
    }
}
