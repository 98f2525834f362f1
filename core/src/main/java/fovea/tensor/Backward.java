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

    /**
     * A derivative written in terms of the op's own output as well (sigmoid' = s (1 - s), exp' = exp, ELU's
     * out + alpha), as PyTorch's {@code ctx.save_for_backward(result)} allows: {@code output} is the tensor the
     * op returned, so the backward needs no reference to it from outside.
     */
    @FunctionalInterface
    interface OfOutput {
        /** Maps the op's output and the gradient with respect to it to one gradient per input. */
        Tensor[] apply(Tensor output, Tensor outputGrad);
    }
}
