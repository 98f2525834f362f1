package fovea.nn;

import fovea.tensor.Tensor;

/** 1 / (1 + e^-x), elementwise. */
public final class Sigmoid extends Module {

    @Override protected Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
