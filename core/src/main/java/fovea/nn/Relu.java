package fovea.nn;

import fovea.tensor.Tensor;

/** max(x, 0), elementwise. */
public final class Relu extends Module {

    @Override protected Tensor forward(Tensor x) {
        return x.relu();
    }
}
