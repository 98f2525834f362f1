package fovea.nn;

import fovea.tensor.Tensor;

/** softmax along dim (default 1: the class dim of [N, C]). */
public final class Softmax extends Module {
    private final int dim;

    /** Along dim 1. */
    public Softmax() {
        this(1);
    }

    /** Along the given dim. */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override protected Tensor forward(Tensor x) {
        return x.softmax(dim);
    }

    @Override public String toString() {
        return "Softmax(dim=" + dim + ")";
    }
}
