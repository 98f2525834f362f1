package fovea.nn;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Maxout (Goodfellow et al. 2013): a linear map to units * pieces features, then the max over each unit's pieces. */
public final class Maxout extends Module {
    private final int pieces;
    private final Linear linear;

    /** inFeatures to outFeatures units of {@code pieces} linear pieces each. */
    public Maxout(int inFeatures, int outFeatures, int pieces, RandomGenerator random) {
        if (pieces < 1) throw new IllegalArgumentException("Maxout: pieces must be >= 1; got " + pieces);
        this.pieces = pieces;
        linear = child("linear", new Linear(inFeatures, outFeatures * pieces, random));
    }

    @Override protected Tensor forward(Tensor x) {
        return Functional.maxout(linear.call(x), pieces);
    }

    @Override public String toString() {
        return "Maxout(" + linear + ", pieces=" + pieces + ")";
    }
}
