package fovea.nn;

import fovea.tensor.Tensor;

/** tanh(x), elementwise. */
public final class Tanh extends Module {

    @Override protected Tensor forward(Tensor x) {
        return x.tanh();
    }
}
