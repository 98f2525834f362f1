package fovea.nn;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Inverted dropout: zeroes each element with probability p in training and scales by 1/(1-p); a no-op in eval. */
public final class Dropout extends Module {
    private final float p;
    private final RandomGenerator random;

    /** Drop probability p in [0, 1), masks drawn from {@code random}. */
    public Dropout(float p, RandomGenerator random) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1); got " + p);
        this.p = p;
        this.random = random;
    }

    @Override protected Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), random);
    }

    @Override public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
