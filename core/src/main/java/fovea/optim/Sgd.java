package fovea.optim;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, as
 * PyTorch's torch.optim.SGD: d = g + wd p; buf = d at the first step, else momentum buf + (1 - dampening) d;
 * p -= lr (nesterov ? d + momentum buf : buf).
 */
public final class Sgd extends Optimizer {
    private static final int MOMENTUM_BUFFER = 0;
    private final Config config;

    /** The settings of SGD. */
    public record Config(float lr, float momentum, float dampening, float weightDecay, boolean nesterov) {
        /** Validates the settings as PyTorch does. */
        public Config {
            Checks.nonNegative("Sgd", "lr", lr);
            Checks.nonNegative("Sgd", "momentum", momentum);
            Checks.nonNegative("Sgd", "dampening", dampening);
            Checks.nonNegative("Sgd", "weightDecay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Sgd: nesterov needs momentum > 0 and dampening 0; got momentum="
                        + momentum + ", dampening=" + dampening);
            }
        }

        /** PyTorch's defaults: lr 1e-3 (PyTorch 2's default), no momentum, no dampening, no weight decay. */
        public static Config defaults() {
            return new Config(1e-3f, 0f, 0f, 0f, false);
        }

        /** These settings with the learning rate {@code value}. */
        public Config withLr(float value) {
            return new Config(value, momentum, dampening, weightDecay, nesterov);
        }

        /** These settings with momentum {@code value}. */
        public Config withMomentum(float value) {
            return new Config(lr, value, dampening, weightDecay, nesterov);
        }

        /** These settings with dampening {@code value}. */
        public Config withDampening(float value) {
            return new Config(lr, momentum, value, weightDecay, nesterov);
        }

        /** These settings with weight decay {@code value} (L2, added to the gradient). */
        public Config withWeightDecay(float value) {
            return new Config(lr, momentum, dampening, value, nesterov);
        }

        /** These settings with Nesterov momentum on or off. */
        public Config withNesterov(boolean value) {
            return new Config(lr, momentum, dampening, weightDecay, value);
        }
    }

    /** SGD over {@code params}; the momentum buffer is kept only when momentum is nonzero, as in PyTorch. */
    public Sgd(List<Tensor> params, Config config) {
        this(one(params), config);
    }

    /** SGD over parameter groups, each at its own lr and weight decay or else at config's. */
    public Sgd(ParamGroups groups, Config config) {
        super(groups, config.lr(), config.weightDecay(), config.momentum() != 0 ? List.of("momentum_buffer") : List.of());
        this.config = config;
    }

    /** The settings this optimizer was made with (each group's rate and weight decay: see groups()). */
    public Config config() {
        return config;
    }

    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        float lr = group.lr();
        float weightDecay = group.weightDecay();
        float momentum = config.momentum();
        float keep = (float) (1.0 - config.dampening());
        for (int j = 0; j < param.length; j++) {
            float d = grad[j];
            if (weightDecay != 0) d += weightDecay * param[j];
            if (momentum != 0) {
                float[] buffer = state[MOMENTUM_BUFFER];
                // PyTorch starts the buffer as a copy of the first gradient, not momentum * 0 + (1 - dampening) g
                buffer[j] = step == 1 ? d : buffer[j] * momentum + keep * d;
                d = config.nesterov() ? d + momentum * buffer[j] : buffer[j];
            }
            param[j] += -lr * d;
        }
    }
}
