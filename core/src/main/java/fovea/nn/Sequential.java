package fovea.nn;

import fovea.tensor.Tensor;
import java.util.List;

/** Modules applied in order; children are named 0, 1, 2 ... as in PyTorch. */
public final class Sequential extends Module {
    private final List<Module> layers;

    /** The given modules in order. */
    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) child(Integer.toString(i), layers[i]);
    }

    /** The layers in order. */
    public List<Module> layers() {
        return layers;
    }

    @Override public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module layer : layers) y = layer.forward(y);
        return y;
    }
}
