package fovea.nn;

import fovea.tensor.Tensor;

/**
 * Batch normalization of [N, C, H, W] images per channel over N, H and W, as PyTorch's nn.BatchNorm2d: batch
 * statistics in training (one fused node), running averages in eval; weight 1, bias 0, running mean 0 and
 * variance 1 at start; momentum 0.1 and eps 1e-5 by default.
 */
public final class BatchNorm2d extends BatchNorm {
    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f);
    }

    /** Given eps and momentum (the weight of the newest batch in the running averages). */
    public BatchNorm2d(int numFeatures, float eps, float momentum) {
        super("BatchNorm2d", numFeatures, eps, momentum);
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(this + ": expected input [N, " + numFeatures + ", H, W]; got " + x.shape());
        }
        return normalize(x);
    }

    @Override public String toString() {
        return describe("BatchNorm2d");
    }
}
