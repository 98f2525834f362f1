package fovea.nn;

import fovea.tensor.Tensor;

/**
 * Batch normalization of [N, C] or [N, C, L] inputs over the batch (and length), as PyTorch's nn.BatchNorm1d:
 * batch statistics in training, running averages in eval; weight 1, bias 0, running mean 0 and variance 1 at
 * start; momentum 0.1 and eps 1e-5 by default. It runs the fused image kernel on a [N, C, L, 1] view.
 */
public final class BatchNorm1d extends BatchNorm {
    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f);
    }

    /** Given eps and momentum (the weight of the newest batch in the running averages). */
    public BatchNorm1d(int numFeatures, float eps, float momentum) {
        super("BatchNorm1d", numFeatures, eps, momentum);
    }

    @Override protected Tensor forward(Tensor x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(this + ": expected input [N, " + numFeatures + "] or [N, " + numFeatures
                    + ", L]; got " + x.shape());
        }
        int length = x.rank() == 3 ? x.size(2) : 1;
        return normalize(x.reshape(x.size(0), numFeatures, length, 1)).reshape(x.shape().dims());
    }

    @Override public String toString() {
        return describe("BatchNorm1d");
    }
}
