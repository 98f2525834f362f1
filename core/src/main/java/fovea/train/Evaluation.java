package fovea.train;

import fovea.tensor.Tensor;

/** The outcome of evaluating a model on a data set: mean loss, accuracy, and every score and target. */
public record Evaluation(double loss, double accuracy, Tensor scores, Tensor targets) {
    /** counts[target][predicted]. */
    public long[][] confusionMatrix() {
        return Metrics.confusionMatrix(scores, targets);
    }

    /** The fraction of examples whose target is among the k highest scores. */
    public double topK(int k) {
        return Metrics.topK(scores, targets, k);
    }
}
