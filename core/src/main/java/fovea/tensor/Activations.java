package fovea.tensor;

import fovea.kernel.Binary;
import fovea.kernel.Loops;
import fovea.kernel.Unary;

/** The activation functions as single ops, each with its derivative written in terms of input or output. */
final class Activations {
    private Activations() {}

    /** relu'(x) = 1 for x > 0, else 0: the gradient passes where the input was positive, in one pass. */
    static Tensor relu(Tensor x) {
        return Pointwise.unary("relu", Unary.RELU, x, (out, g) -> {
            float[] back = new float[x.numel()];
            Loops.binary(Binary.RELU_BACKWARD, x.data, 0, 1, g.data, 0, 1, back, 0, back.length);
            return new Tensor[] {new Tensor(back, x.shape())};
        });
    }

    /** x for x > 0, slope * x otherwise; derivative 1 or slope. */
    static Tensor leakyRelu(Tensor x, float negativeSlope) {
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) {
            float v = x.data[i];
            out[i] = v > 0 ? v : v * negativeSlope;
        }
        return Tensor.derived("leakyRelu", out, x.shape(), new Tensor[] {x},
                g -> new Tensor[] {g.mul(Tensor.where(x.gt(0f), Tensor.scalar(1f), Tensor.scalar(negativeSlope)))});
    }

    /** x for x > 0, alpha (e^x - 1) otherwise; the derivative below 0 is out + alpha. */
    static Tensor elu(Tensor x, float alpha) {
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) {
            float v = x.data[i];
            out[i] = v > 0 ? v : (float) (alpha * Math.expm1(v));
        }
        return Tensor.derived("elu", out, x.shape(), new Tensor[] {x},
                (y, g) -> new Tensor[] {g.mul(Tensor.where(x.gt(0f), Tensor.scalar(1f), y.add(alpha)))});
    }

    /** sigmoid' = s (1 - s). */
    static Tensor sigmoid(Tensor x) {
        return Pointwise.unary("sigmoid", Unary.SIGMOID, x, (s, g) -> new Tensor[] {g.mul(s).mul(s.neg().add(1f))});
    }

    /** tanh' = 1 - tanh^2. */
    static Tensor tanh(Tensor x) {
        return Pointwise.unary("tanh", Unary.TANH, x, (t, g) -> new Tensor[] {g.mul(t.mul(t).neg().add(1f))});
    }

    /** softplus' = sigmoid(x). */
    static Tensor softplus(Tensor x) {
        return Pointwise.unary("softplus", Unary.SOFTPLUS, x, (out, g) -> new Tensor[] {g.mul(x.sigmoid())});
    }
}
