package fovea.nn;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Channel dropout of [N, C, H, W], as PyTorch's nn.Dropout2d: in training each whole channel is zeroed with
 * probability p and the rest scaled by 1/(1-p), since neighbouring pixels are too correlated for element
 * dropout to regularize; a no-op in eval.
 */
public final class Dropout2d extends Module {
    private final float p;
    private final RandomGenerator random;

    /** Drop probability p in [0, 1), masks drawn from {@code random}, one draw per (image, channel). */
    public Dropout2d(float p, RandomGenerator random) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout2d: p must be in [0, 1); got " + p);
        this.p = p;
        this.random = random;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(this + ": expected input [N, C, H, W]; got " + x.shape());
        if (!isTraining() || p == 0) return x;
        Tensor keep = Tensor.rand(random, x.size(0), x.size(1), 1, 1).ge(Tensor.scalar(p));
        return x.mul(keep.mul(1f / (1 - p)));
    }

    @Override public String toString() {
        return "Dropout2d(p=" + PythonRepr.number(p) + ")";
    }
}
