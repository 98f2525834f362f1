package fovea.train;

import fovea.nn.recurrent.LstmCell;
import fovea.nn.recurrent.RecurrentState;
import fovea.nn.recurrent.RnnCell;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The course's picture of vanishing gradients, measured: a loss that reads only the last hidden state,
 * L = sum(h_T * r) for a fixed random r, backpropagated through T steps of a cell run step by step, and the norm
 * of dL/dh_t at every step t. A vanilla RNN multiplies the gradient by W_hhᵀ diag(1 - h^2) at every step, so it
 * shrinks geometrically; an LSTM's cell path multiplies it only by the forget gates, with no weight matrix and
 * no squashing, so it lasts as long as the forget gates stay near 1 (with PyTorch's init they start near 0.5 and
 * the gradient vanishes too; a forget-gate bias of a few units, the usual remedy, keeps it).
 */
public final class GradientFlow {
    private GradientFlow() {}

    /** The sizes of the measurement: T steps, N sequences of I inputs, H hidden units; the LSTM's forget-gate bias. */
    public record Config(int steps, int batch, int inputSize, int hiddenSize, float forgetBias) {
        public Config {
            if (steps < 1 || batch < 1 || inputSize < 1 || hiddenSize < 1) {
                throw new IllegalArgumentException("GradientFlow: expected steps, batch, inputSize, hiddenSize >= 1; got "
                        + steps + ", " + batch + ", " + inputSize + ", " + hiddenSize);
            }
        }

        /** These sizes with another forget-gate bias. */
        public Config withForgetBias(float value) {
            return new Config(steps, batch, inputSize, hiddenSize, value);
        }
    }

    /** ||dL/dh_t|| for t = 1..T (index t - 1) of a tanh RNN cell with PyTorch's initialization. */
    public static double[] rnn(Config config, RandomGenerator random) {
        RnnCell cell = new RnnCell(config.inputSize(), config.hiddenSize(), random);
        return measure(config, random, cell::forward);
    }

    /**
     * ||dL/dh_t|| for an LSTM cell with PyTorch's initialization, plus {@code forgetBias} added to the forget
     * gate's bias (0 is PyTorch's default; 1 to 5 are the usual remedies of the literature).
     */
    public static double[] lstm(Config config, RandomGenerator random) {
        LstmCell cell = new LstmCell(config.inputSize(), config.hiddenSize(), random);
        if (config.forgetBias() != 0) {
            Tensor bias = cell.weights().biasIh();
            float[] values = bias.toArray();
            for (int j = config.hiddenSize(); j < 2 * config.hiddenSize(); j++) values[j] += config.forgetBias();
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                bias.assign(Tensor.of(values, bias.shape()));
            }
        }
        return measure(config, random, cell::forward);
    }

    private interface Step {
        RecurrentState apply(Tensor x, RecurrentState state);
    }

    private static double[] measure(Config config, RandomGenerator random, Step step) {
        Tensor[] hs = new Tensor[config.steps()];
        RecurrentState state = null;
        for (int t = 0; t < config.steps(); t++) {
            Tensor x = Tensor.randn(random, config.batch(), config.inputSize());
            state = step.apply(x, state);
            hs[t] = state.h().retainGrad();
        }
        Tensor r = Tensor.randn(random, config.batch(), config.hiddenSize());
        hs[config.steps() - 1].mul(r).sum().backward();
        double[] norms = new double[config.steps()];
        for (int t = 0; t < config.steps(); t++) {
            Tensor g = hs[t].grad();
            double sum = 0;
            if (g != null) for (float v : g.toArray()) sum += (double) v * v;
            norms[t] = Math.sqrt(sum);
        }
        return norms;
    }
}
