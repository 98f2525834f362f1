package fovea.nn;

import fovea.tensor.Tensor;

/**
 * A residual connection: y = body(x) + shortcut(x) (the identity when no shortcut is given), then an optional
 * activation, as in ResNet's blocks. Children are named body, shortcut and activation.
 */
public final class Residual extends Module {
    private final Module body;
    private final Module shortcut;
    private final Module activation;

    /** body(x) + shortcut(x), then activation; shortcut and activation may be null. */
    public Residual(Module body, Module shortcut, Module activation) {
        this.body = child("body", body);
        this.shortcut = shortcut == null ? null : child("shortcut", shortcut);
        this.activation = activation == null ? null : child("activation", activation);
    }

    @Override protected Tensor forward(Tensor x) {
        Tensor main = body.call(x);
        Tensor skip = shortcut == null ? x : shortcut.call(x);
        if (!main.shape().equals(skip.shape())) {
            throw new IllegalArgumentException("Residual: the body gives " + main.shape() + " but the shortcut gives "
                    + skip.shape() + "; expected the same shape (add a projection shortcut)");
        }
        Tensor sum = main.add(skip);
        return activation == null ? sum : activation.call(sum);
    }
}
