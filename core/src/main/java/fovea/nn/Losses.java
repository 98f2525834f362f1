package fovea.nn;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * The losses, each the mean over the batch (dim 0) as in the reference cases; class targets are tensors [N] of
 * whole numbers. Each is composed of tensor ops, so its derivative comes from theirs.
 */
public final class Losses {
    private Losses() {}

    /** Softmax cross-entropy of logits [N, C] against class targets [N]: mean of -log softmax(s)_y, stable. */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        checkClassTargets("crossEntropy", logits, targets);
        return logits.logSoftmax(1).gather(1, targets.reshape(-1, 1)).mean().neg();
    }

    /**
     * The course's multiclass SVM loss: mean over i of sum over j != y_i of max(0, s_j - s_{y_i} + delta).
     * (PyTorch's multi_margin_loss also divides by C; this does not.)
     */
    public static Tensor svmHinge(Tensor scores, Tensor targets, float delta) {
        return svmMargins("svmHinge", scores, targets, delta).sum(1, false).mean();
    }

    /** The squared hinge variant: mean over i of sum over j != y_i of max(0, s_j - s_{y_i} + delta)^2. */
    public static Tensor squaredSvmHinge(Tensor scores, Tensor targets, float delta) {
        Tensor margins = svmMargins("squaredSvmHinge", scores, targets, delta);
        return margins.mul(margins).sum(1, false).mean();
    }

    private static Tensor svmMargins(String op, Tensor scores, Tensor targets, float delta) {
        checkClassTargets(op, scores, targets);
        Tensor index = targets.reshape(-1, 1);
        Tensor correct = scores.gather(1, index);
        Tensor notTarget = Tensor.arange(scores.size(1)).reshape(1, -1).ne(index);
        return scores.sub(correct).add(delta).relu().mul(notTarget);
    }

    /** Binary cross-entropy with logits x and targets t in [0, 1]: mean of max(x, 0) - x t + log(1 + e^-|x|). */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        checkSameShape("bceWithLogits", logits, targets);
        return logits.relu().sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /**
     * The course's attribute (multi-label) loss with targets in {-1, +1} per attribute: mean over the batch of
     * sum over attributes j of max(0, 1 - y_ij f_j).
     */
    public static Tensor attributeHinge(Tensor scores, Tensor targets) {
        checkSameShape("attributeHinge", scores, targets);
        if (scores.rank() != 2) throw new IllegalArgumentException("attributeHinge: expected scores [N, A]; got " + scores.shape());
        return scores.mul(targets).neg().add(1f).relu().sum(1, false).mean();
    }

    /** Mean squared error over all elements. */
    public static Tensor mse(Tensor prediction, Tensor target) {
        checkSameShape("mse", prediction, target);
        Tensor difference = prediction.sub(target);
        return difference.mul(difference).mean();
    }

    /** Mean absolute error over all elements. */
    public static Tensor l1(Tensor prediction, Tensor target) {
        checkSameShape("l1", prediction, target);
        return prediction.sub(target).abs().mean();
    }

    /** Smooth L1 (Huber with scale): 0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere; mean over all. */
    public static Tensor smoothL1(Tensor prediction, Tensor target, float beta) {
        checkSameShape("smoothL1", prediction, target);
        if (!(beta > 0)) throw new IllegalArgumentException("smoothL1: beta must be > 0; got " + beta);
        Tensor difference = prediction.sub(target).abs();
        Tensor quadratic = difference.mul(difference).mul(0.5f / beta);
        return Tensor.where(difference.lt(beta), quadratic, difference.sub(0.5f * beta)).mean();
    }

    /** The VAE's KL divergence of N(mu, e^logvar) from N(0, 1): -0.5 sum(1 + logvar - mu^2 - e^logvar) / N. */
    public static Tensor klStandardNormal(Tensor mu, Tensor logVar) {
        checkSameShape("klStandardNormal", mu, logVar);
        return logVar.add(1f).sub(mu.mul(mu)).sub(logVar.exp()).sum().mul(-0.5f / mu.size(0));
    }

    /** The L2 weight penalty lambda * sum of squares of all the given tensors. */
    public static Tensor l2Penalty(List<Tensor> weights, float lambda) {
        Tensor total = Tensor.scalar(0f);
        for (Tensor w : weights) total = total.add(w.mul(w).sum());
        return total.mul(lambda);
    }

    /** The L1 weight penalty lambda * sum of absolute values of all the given tensors. */
    public static Tensor l1Penalty(List<Tensor> weights, float lambda) {
        Tensor total = Tensor.scalar(0f);
        for (Tensor w : weights) total = total.add(w.abs().sum());
        return total.mul(lambda);
    }

    /**
     * Per-pixel cross-entropy for segmentation, as PyTorch's cross_entropy on logits [N, C, H, W] and class targets
     * [N, H, W]: the mean over the pixels whose target is not {@code ignoreIndex} (VOC marks object borders 255).
     * A target outside [0, C) other than {@code ignoreIndex} is an error naming it.
     */
    public static Tensor crossEntropy2d(Tensor logits, Tensor targets, int ignoreIndex) {
        if (logits.rank() != 4 || targets.rank() != 3 || targets.size(0) != logits.size(0)
                || targets.size(1) != logits.size(2) || targets.size(2) != logits.size(3)) {
            throw new IllegalArgumentException("crossEntropy2d: expected logits [N, C, H, W] and targets [N, H, W]; got "
                    + logits.shape() + " and " + targets.shape());
        }
        int classes = logits.size(1);
        float[] t = targets.toArray();
        float[] valid = new float[t.length];
        float[] index = new float[t.length];
        int count = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) continue;
            if (!(t[i] >= 0 && t[i] < classes && t[i] == Math.rint(t[i]))) {
                throw new IllegalArgumentException("crossEntropy2d: targets must be classes in [0, " + classes + ") or "
                        + ignoreIndex + " (ignored); got " + t[i] + " at pixel " + i);
            }
            valid[i] = 1;
            index[i] = t[i];
            count++;
        }
        Tensor logProbabilities = logits.permute(0, 2, 3, 1).reshape(-1, classes).logSoftmax(1);
        Tensor picked = logProbabilities.gather(1, Tensor.of(index, t.length, 1)).reshape(-1);
        // PyTorch's mean over no pixels is NaN (0/0), and so is this
        return picked.mul(Tensor.of(valid, t.length)).sum().div(Tensor.scalar(count)).neg();
    }

    private static void checkClassTargets(String op, Tensor scores, Tensor targets) {
        if (scores.rank() != 2 || targets.rank() != 1 || targets.size(0) != scores.size(0)) {
            throw new IllegalArgumentException(op + ": expected scores [N, C] and targets [N]; got " + scores.shape()
                    + " and " + targets.shape());
        }
    }

    private static void checkSameShape(String op, Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(op + ": expected prediction and target of one shape; got " + a.shape()
                    + " and " + b.shape());
        }
    }
}
