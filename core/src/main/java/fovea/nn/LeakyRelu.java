package fovea.nn;

import fovea.tensor.Tensor;

/** x for x > 0, negativeSlope * x otherwise (PyTorch's default slope 0.01). */
public final class LeakyRelu extends Module {
    private final float negativeSlope;

    /** The default slope 0.01. */
    public LeakyRelu() {
        this(0.01f);
    }

    /** A given slope for x <= 0. */
    public LeakyRelu(float negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override protected Tensor forward(Tensor x) {
        return x.leakyRelu(negativeSlope);
    }

    @Override public String toString() {
        return "LeakyRelu(negativeSlope=" + negativeSlope + ")";
    }
}
