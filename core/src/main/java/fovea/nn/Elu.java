package fovea.nn;

import fovea.tensor.Tensor;

/** x for x > 0, alpha (e^x - 1) otherwise (default alpha 1). */
public final class Elu extends Module {
    private final float alpha;

    /** alpha = 1. */
    public Elu() {
        this(1f);
    }

    /** A given alpha. */
    public Elu(float alpha) {
        this.alpha = alpha;
    }

    @Override protected Tensor forward(Tensor x) {
        return x.elu(alpha);
    }

    @Override public String toString() {
        return "Elu(alpha=" + alpha + ")";
    }
}
