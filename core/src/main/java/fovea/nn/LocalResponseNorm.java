package fovea.nn;

import fovea.tensor.Images;
import fovea.tensor.Tensor;

/**
 * AlexNet's local response normalization across channels of [N, C, ...], as PyTorch's nn.LocalResponseNorm:
 * b_c = a_c / (k + alpha/size * sum of a^2 over the size channels around c)^beta.
 */
public final class LocalResponseNorm extends Module {
    private final int size;
    private final float alpha;
    private final float beta;
    private final float k;

    /** PyTorch's defaults: alpha 1e-4, beta 0.75, k 1. */
    public LocalResponseNorm(int size) {
        this(size, 1e-4f, 0.75f, 1f);
    }

    /** A window of size channels, with the given alpha, beta and k. */
    public LocalResponseNorm(int size, float alpha, float beta, float k) {
        if (size < 1 || !Float.isFinite(alpha) || !Float.isFinite(beta) || !Float.isFinite(k)) {
            throw new IllegalArgumentException("LocalResponseNorm: expected size >= 1 and finite alpha, beta, k; got "
                    + size + ", " + alpha + ", " + beta + ", " + k);
        }
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() < 3) throw new IllegalArgumentException(this + ": expected input [N, C, ...] of rank >= 3; got " + x.shape());
        return Images.localResponseNorm(x, size, alpha, beta, k);
    }

    @Override public String toString() {
        return "LocalResponseNorm(" + size + ", alpha=" + PythonRepr.number(alpha) + ", beta=" + PythonRepr.number(beta)
                + ", k=" + PythonRepr.number(k) + ")";
    }
}
