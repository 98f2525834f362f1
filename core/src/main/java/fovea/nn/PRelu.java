package fovea.nn;

import fovea.tensor.Tensor;

/** x for x > 0, a x otherwise, with a learned slope a per channel (or one for all), 0.25 at start as in PyTorch. */
public final class PRelu extends Module {
    private final Tensor weight;

    /** One slope shared by all channels. */
    public PRelu() {
        this(1);
    }

    /** One slope per channel (dim 1 of the input). */
    public PRelu(int numParameters) {
        if (numParameters < 1) throw new IllegalArgumentException("PRelu: numParameters must be >= 1; got " + numParameters);
        weight = parameter("weight", Init.constant(0.25f, numParameters));
    }

    @Override protected Tensor forward(Tensor x) {
        return Functional.prelu(x, weight);
    }

    @Override public String toString() {
        return "PRelu(numParameters=" + weight.numel() + ")";
    }
}
