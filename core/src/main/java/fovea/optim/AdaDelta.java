package fovea.optim;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * AdaDelta, as PyTorch's torch.optim.Adadelta: g += wd p; v = rho v + (1 - rho) g²;
 * delta = √(u + eps) / √(v + eps) · g; u = rho u + (1 - rho) delta²; p -= lr delta.
 */
public final class AdaDelta extends Optimizer {
    private static final int SQUARE_AVG = 0;
    private static final int ACC_DELTA = 1;
    private final Config config;

    /** The settings of AdaDelta. */
    public record Config(float lr, float rho, float eps, float weightDecay) {
        /** Validates the settings as PyTorch does. */
        public Config {
            Checks.nonNegative("AdaDelta", "lr", lr);
            if (!(rho >= 0 && rho <= 1)) throw new IllegalArgumentException("AdaDelta: rho must be in [0, 1]; got " + rho);
            Checks.nonNegative("AdaDelta", "eps", eps);
            Checks.nonNegative("AdaDelta", "weightDecay", weightDecay);
        }

        /** PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
        public static Config defaults() {
            return new Config(1f, 0.9f, 1e-6f, 0f);
        }

        /** These settings with the learning rate {@code value}, which scales delta. */
        public Config withLr(float value) {
            return new Config(value, rho, eps, weightDecay);
        }

        /** These settings with the decay rate {@code value} of both running averages. */
        public Config withRho(float value) {
            return new Config(lr, value, eps, weightDecay);
        }

        /** These settings with eps {@code value}, added inside both roots. */
        public Config withEps(float value) {
            return new Config(lr, rho, value, weightDecay);
        }

        /** These settings with weight decay {@code value} (L2, added to the gradient). */
        public Config withWeightDecay(float value) {
            return new Config(lr, rho, eps, value);
        }
    }

    /** AdaDelta over {@code params}, keeping PyTorch's "square_avg" and "acc_delta" per parameter. */
    public AdaDelta(List<Tensor> params, Config config) {
        this(one(params), config);
    }

    /** AdaDelta over parameter groups, each at its own lr and weight decay or else at config's. */
    public AdaDelta(ParamGroups groups, Config config) {
        super(groups, config.lr(), config.weightDecay(), List.of("square_avg", "acc_delta"));
        this.config = config;
    }

    /** The settings this optimizer was made with (each group's rate and weight decay: see groups()). */
    public Config config() {
        return config;
    }

    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        float lr = group.lr();
        float rho = config.rho();
        float keep = (float) (1.0 - rho);
        float eps = config.eps();
        float weightDecay = group.weightDecay();
        float[] squareAvg = state[SQUARE_AVG];
        float[] accDelta = state[ACC_DELTA];
        for (int j = 0; j < param.length; j++) {
            float g = grad[j];
            if (weightDecay != 0) g += weightDecay * param[j];
            squareAvg[j] = squareAvg[j] * rho + keep * g * g;
            float std = (float) Math.sqrt(squareAvg[j] + eps);
            float delta = (float) Math.sqrt(accDelta[j] + eps) / std * g;
            accDelta[j] = accDelta[j] * rho + keep * delta * delta;
            param[j] += -lr * delta;
        }
    }
}
