package fovea.tensor;

/**
 * The derivative of one op: given the gradient of the loss with respect to the op's output, the gradients
 * with respect to each input (same order as the inputs; {@code null} for an input that needs none).
 * It runs with gradient recording off, so it may use any tensor op.
 */
@FunctionalInterface
public interface Backward {
    /** Maps the output gradient to one gradient per input. */
    Tensor[] apply(Tensor outputGrad);
}
