package fovea.data;

import fovea.tensor.Tensor;

/** A minibatch: features stacked along a new first dim, [B, ...], and labels [B] as whole-number floats. */
public record Batch(Tensor features, Tensor labels) {
    /** Checks that there is one label per example. */
    public Batch {
        if (labels.rank() != 1 || features.rank() == 0 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("Batch: expected features [B, ...] and labels [B]; got "
                    + features.shape() + " and " + labels.shape());
        }
    }

    /** The number of examples, B. */
    public int size() {
        return labels.size(0);
    }
}
