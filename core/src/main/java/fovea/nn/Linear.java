package fovea.nn;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** y = x Wᵀ + b; weight [outFeatures, inFeatures], bias [outFeatures], both U(-1/√in, 1/√in) at start (PyTorch's default). */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with a bias. */
    public Linear(int inFeatures, int outFeatures, RandomGenerator random) {
        this(inFeatures, outFeatures, true, random);
    }

    /** A layer with or without a bias. */
    public Linear(int inFeatures, int outFeatures, boolean withBias, RandomGenerator random) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: features must be > 0; got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        // PyTorch: kaiming_uniform_(a=sqrt(5)) for the weight, which is U(-1/sqrt(in), 1/sqrt(in)), and the same for the bias
        float bound = (float) (1 / Math.sqrt(inFeatures));
        weight = parameter("weight", Init.uniform(random, -bound, bound, outFeatures, inFeatures));
        bias = withBias ? parameter("bias", Init.uniform(random, -bound, bound, outFeatures)) : null;
    }

    /** The weight [outFeatures, inFeatures]. */
    public Tensor weight() {
        return weight;
    }

    /** The bias [outFeatures], or null. */
    public Tensor bias() {
        return bias;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() == 0 || x.shape().dim(-1) != inFeatures) {
            throw new IllegalArgumentException(this + ": expected input [..., " + inFeatures + "]; got " + x.shape());
        }
        return x.linear(weight, bias);
    }

    @Override public String toString() {
        return "Linear(inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
