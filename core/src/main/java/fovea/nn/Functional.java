package fovea.nn;

import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** The layers' computations as functions of tensors, as PyTorch's torch.nn.functional; modules hold the state. */
public final class Functional {
    private Functional() {}

    /** PReLU: x for x > 0, a_c x otherwise, with one slope per channel (dim 1), or one for all if weight has one value. */
    public static Tensor prelu(Tensor x, Tensor weight) {
        if (weight.rank() != 1 || (weight.numel() != 1 && (x.rank() < 2 || x.size(1) != weight.numel()))) {
            throw new IllegalArgumentException("prelu: expected a weight [1] or [C] for input [N, C, ...]; got weight "
                    + weight.shape() + " for input " + x.shape());
        }
        Tensor slope = weight;
        if (weight.numel() > 1) {
            int[] dims = new int[x.rank()];
            java.util.Arrays.fill(dims, 1);
            dims[1] = weight.numel();
            slope = weight.reshape(dims);
        }
        return Tensor.where(x.gt(0f), x, x.mul(slope));
    }

    /** Maxout: features [N, units * pieces] grouped as (units, pieces), the max over each group's pieces. */
    public static Tensor maxout(Tensor x, int pieces) {
        if (pieces < 1 || x.rank() != 2 || x.size(1) % pieces != 0) {
            throw new IllegalArgumentException("maxout: expected input [N, units * " + pieces + "]; got " + x.shape());
        }
        return x.reshape(x.size(0), x.size(1) / pieces, pieces).max(2, false);
    }

    /**
     * Embedding lookup, as F.embedding: indices [*] of whole numbers pick rows of weight [V, D], giving [*, D];
     * the gradient of a row is the sum of the gradients of every place it was picked (index-select's).
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding: expected a weight [V, D]; got weight " + weight.shape()
                    + " for indices " + indices.shape());
        }
        int[] dims = java.util.Arrays.copyOf(indices.shape().dims(), indices.rank() + 1);
        dims[indices.rank()] = weight.size(1);
        return weight.indexSelect(0, indices.reshape(-1)).reshape(dims);
    }

    /** Inverted dropout: in training, zero each element with probability p and scale the rest by 1/(1-p). */
    public static Tensor dropout(Tensor x, float p, boolean training, RandomGenerator random) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1); got " + p);
        if (!training || p == 0) return x;
        Tensor keep = Tensor.rand(random, x.shape().dims()).ge(Tensor.scalar(p));
        return x.mul(keep.mul(1f / (1 - p)));
    }

    /**
     * Batch normalization over every dim but the channel dim 1: in training, the batch mean and biased variance
     * normalize, and the running statistics move by momentum with the unbiased variance (PyTorch's rule); in
     * evaluation the running statistics normalize.
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                   boolean training, float momentum, float eps) {
        if (x.rank() < 2) throw new IllegalArgumentException("batchNorm: expected input [N, C, ...]; got " + x.shape());
        int channels = x.size(1);
        int[] statShape = new int[x.rank()];
        java.util.Arrays.fill(statShape, 1);
        statShape[1] = channels;
        int[] dims = new int[x.rank() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.rank(); d++) dims[d - 1] = d;
        Tensor mean;
        Tensor var;
        if (training) {
            int count = x.numel() / channels;
            if (count < 2) {
                throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel in training; got input "
                        + x.shape());
            }
            mean = x.mean(dims, true);
            Tensor centered = x.sub(mean);
            var = centered.mul(centered).mean(dims, true);
            if (runningMean != null) {
                try (GradMode.Scope ignored = GradMode.noGrad()) {
                    Tensor unbiased = var.detach().mul((float) count / (count - 1)).reshape(channels);
                    runningMean.assign(runningMean.mul(1 - momentum).add(mean.detach().reshape(channels).mul(momentum)));
                    runningVar.assign(runningVar.mul(1 - momentum).add(unbiased.mul(momentum)));
                }
            }
            Tensor normalized = centered.div(var.add(eps).sqrt());
            return affine(normalized, gamma, beta, statShape);
        }
        mean = runningMean.reshape(statShape);
        var = runningVar.reshape(statShape);
        return affine(x.sub(mean).div(var.add(eps).sqrt()), gamma, beta, statShape);
    }

    private static Tensor affine(Tensor normalized, Tensor gamma, Tensor beta, int[] statShape) {
        Tensor y = gamma == null ? normalized : normalized.mul(gamma.reshape(statShape));
        return beta == null ? y : y.add(beta.reshape(statShape));
    }
}
