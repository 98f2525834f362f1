package fovea.nn;

import fovea.tensor.Tensor;

/**
 * Batch normalization of [N, C] or [N, C, L] inputs over the batch (and length): batch statistics in training,
 * running averages in eval; weight 1, bias 0, running mean 0 and variance 1 at start; PyTorch's momentum 0.1 and
 * eps 1e-5 by default.
 */
public final class BatchNorm1d extends Module {
    private final int numFeatures;
    private final float eps;
    private final float momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f);
    }

    /** Given eps and momentum (the weight of the newest batch in the running averages). */
    public BatchNorm1d(int numFeatures, float eps, float momentum) {
        if (numFeatures < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm1d: expected numFeatures >= 1, eps > 0, momentum in [0, 1]; got "
                    + numFeatures + ", " + eps + ", " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        weight = parameter("weight", Tensor.ones(numFeatures));
        bias = parameter("bias", Tensor.zeros(numFeatures));
        runningMean = buffer("running_mean", Tensor.zeros(numFeatures));
        runningVar = buffer("running_var", Tensor.ones(numFeatures));
        // PyTorch keeps this count too (as int64); it is here so state dicts carry the same keys
        numBatchesTracked = buffer("num_batches_tracked", Tensor.scalar(0));
    }

    @Override public Tensor forward(Tensor x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(this + ": expected input [N, " + numFeatures + "] or [N, " + numFeatures
                    + ", L]; got " + x.shape());
        }
        if (isTraining()) {
            try (var ignored = fovea.tensor.GradMode.noGrad()) {
                numBatchesTracked.assign(numBatchesTracked.add(1f));
            }
        }
        return Functional.batchNorm(x, weight, bias, runningMean, runningVar, isTraining(), momentum, eps);
    }

    @Override public String toString() {
        return "BatchNorm1d(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
