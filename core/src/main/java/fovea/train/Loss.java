package fovea.train;

import fovea.tensor.Tensor;

/** A training objective: scores [N, C] and class targets [N] to a scalar, e.g. {@code Losses::crossEntropy}. */
@FunctionalInterface
public interface Loss {
    /** The scalar loss of a batch. */
    Tensor apply(Tensor scores, Tensor targets);
}
