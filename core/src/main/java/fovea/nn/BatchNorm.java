package fovea.nn;

import fovea.tensor.GradMode;
import fovea.tensor.Images;
import fovea.tensor.Tensor;

/**
 * What batch normalization layers share: weight 1 and bias 0, running mean 0 and variance 1 at start (PyTorch's
 * names, plus num_batches_tracked), and the fused normalization over every dim but the channel dim 1.
 */
abstract class BatchNorm extends Module {
    final int numFeatures;
    final float eps;
    final float momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNorm(String kind, int numFeatures, float eps, float momentum) {
        if (numFeatures < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(kind + ": expected numFeatures >= 1, eps > 0, momentum in [0, 1]; got "
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

    /** Normalizes [N, C, H, W]: batch statistics (counted) in training, running ones in eval; one fused node. */
    Tensor normalize(Tensor images) {
        if (isTraining()) {
            try (var ignored = GradMode.noGrad()) {
                numBatchesTracked.assign(numBatchesTracked.add(1f));
            }
        }
        return Images.batchNorm2d(images, weight, bias, runningMean, runningVar, isTraining(), momentum, eps);
    }

    /** PyTorch's text: {@code BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)}. */
    String describe(String kind) {
        return kind + "(" + numFeatures + ", eps=" + PythonRepr.number(eps) + ", momentum=" + PythonRepr.number(momentum)
                + ", affine=True, track_running_stats=True)";
    }
}
