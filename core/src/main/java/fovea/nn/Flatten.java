package fovea.nn;

import fovea.tensor.Tensor;

/** Flattens all dims but the batch dim: [N, ...] to [N, prod(...)]. */
public final class Flatten extends Module {
    @Override protected Tensor forward(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("Flatten: expected input [N, ...]; got " + x.shape());
        return x.rank() == 1 ? x.reshape(x.size(0), 1) : x.flatten(1, -1);
    }
}
