package fovea.nn;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Dense connectivity (DenseNet): each layer sees the channel-concatenation of the block's input and every
 * earlier layer's output, and the block returns the concatenation of all of them.
 */
public final class DenseBlock extends Module {
    private final List<Module> layers;

    /** The layers under their names (torchvision's denselayer1, denselayer2 ...). */
    public DenseBlock(LinkedHashMap<String, Module> layers) {
        this.layers = List.copyOf(layers.values());
        layers.forEach(this::child);
    }

    @Override protected Tensor forward(Tensor x) {
        List<Tensor> features = new ArrayList<>();
        features.add(x);
        for (Module layer : layers) {
            Tensor input = features.size() == 1 ? x : Tensor.cat(1, features.toArray(Tensor[]::new));
            features.add(layer.call(input));
        }
        return Tensor.cat(1, features.toArray(Tensor[]::new));
    }
}
