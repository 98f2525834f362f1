package fovea.nn;

import fovea.tensor.GradMode;
import fovea.tensor.Images;
import fovea.tensor.Tensor;

/**
 * Batch normalization of [N, C, H, W] images per channel over N, H and W, as PyTorch's nn.BatchNorm2d: batch
 * statistics in training (one fused node), running averages in eval; weight 1, bias 0, running mean 0 and
 * variance 1 at start; momentum 0.1 and eps 1e-5 by default.
 */
public final class BatchNorm2d extends Module {
    private final int numFeatures;
    private final float eps;
    private final float momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f);
    }

    /** Given eps and momentum (the weight of the newest batch in the running averages). */
    public BatchNorm2d(int numFeatures, float eps, float momentum) {
        if (numFeatures < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d: expected numFeatures >= 1, eps > 0, momentum in [0, 1]; got "
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
        if (x.rank() != 4 || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(this + ": expected input [N, " + numFeatures + ", H, W]; got " + x.shape());
        }
        if (isTraining()) {
            try (var ignored = GradMode.noGrad()) {
                numBatchesTracked.assign(numBatchesTracked.add(1f));
            }
        }
        return Images.batchNorm2d(x, weight, bias, runningMean, runningVar, isTraining(), momentum, eps);
    }

    @Override public String toString() {
        return "BatchNorm2d(" + numFeatures + ", eps=" + PythonRepr.number(eps) + ", momentum=" + PythonRepr.number(momentum)
                + ", affine=True, track_running_stats=True)";
    }
}
