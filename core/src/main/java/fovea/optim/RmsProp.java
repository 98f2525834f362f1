package fovea.optim;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop, as PyTorch's torch.optim.RMSprop: g += wd p; v = alpha v + (1 - alpha) g²; avg = √v + eps (centered:
 * √(v - m²) + eps with m = alpha m + (1 - alpha) g); p -= lr g / avg, or with momentum buf = momentum buf + g / avg,
 * p -= lr buf.
 */
public final class RmsProp extends Optimizer {
    private static final int SQUARE_AVG = 0;
    private final Config config;
    private final int momentumBuffer;   // the state index, or -1 without momentum
    private final int gradAvg;          // the state index, or -1 when not centered

    /** The settings of RMSprop. */
    public record Config(float lr, float alpha, float eps, float weightDecay, float momentum, boolean centered) {
        /** Validates the settings as PyTorch does. */
        public Config {
            Checks.nonNegative("RmsProp", "lr", lr);
            Checks.nonNegative("RmsProp", "alpha", alpha);
            Checks.nonNegative("RmsProp", "eps", eps);
            Checks.nonNegative("RmsProp", "weightDecay", weightDecay);
            Checks.nonNegative("RmsProp", "momentum", momentum);
        }

        /** PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
        public static Config defaults() {
            return new Config(1e-2f, 0.99f, 1e-8f, 0f, 0f, false);
        }

        /** These settings with the learning rate {@code value}. */
        public Config withLr(float value) {
            return new Config(value, alpha, eps, weightDecay, momentum, centered);
        }

        /** These settings with the smoothing constant {@code value} of the squared-gradient average. */
        public Config withAlpha(float value) {
            return new Config(lr, value, eps, weightDecay, momentum, centered);
        }

        /** These settings with eps {@code value}, added to the root of the average. */
        public Config withEps(float value) {
            return new Config(lr, alpha, value, weightDecay, momentum, centered);
        }

        /** These settings with weight decay {@code value} (L2, added to the gradient). */
        public Config withWeightDecay(float value) {
            return new Config(lr, alpha, eps, value, momentum, centered);
        }

        /** These settings with momentum {@code value}. */
        public Config withMomentum(float value) {
            return new Config(lr, alpha, eps, weightDecay, value, centered);
        }

        /** These settings with centering (dividing by an estimate of the variance) on or off. */
        public Config withCentered(boolean value) {
            return new Config(lr, alpha, eps, weightDecay, momentum, value);
        }
    }

    /** RMSprop over {@code params}; as in PyTorch, the momentum buffer and gradient average exist only when used. */
    public RmsProp(List<Tensor> params, Config config) {
        this(one(params), config);
    }

    /** RMSprop over parameter groups, each at its own lr and weight decay or else at config's. */
    public RmsProp(ParamGroups groups, Config config) {
        super(groups, config.lr(), config.weightDecay(), stateNames(config));
        this.config = config;
        this.momentumBuffer = stateNames().indexOf("momentum_buffer");
        this.gradAvg = stateNames().indexOf("grad_avg");
    }

    private static List<String> stateNames(Config config) {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (config.momentum() > 0) names.add("momentum_buffer");
        if (config.centered()) names.add("grad_avg");
        return names;
    }

    /** The settings this optimizer was made with (each group's rate and weight decay: see groups()). */
    public Config config() {
        return config;
    }

    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        float lr = group.lr();
        float alpha = config.alpha();
        float keep = (float) (1.0 - alpha);
        float weightDecay = group.weightDecay();
        float[] squareAvg = state[SQUARE_AVG];
        for (int j = 0; j < param.length; j++) {
            float g = grad[j];
            if (weightDecay != 0) g += weightDecay * param[j];
            squareAvg[j] = squareAvg[j] * alpha + keep * g * g;
            float variance = squareAvg[j];
            if (gradAvg >= 0) {
                float[] mean = state[gradAvg];
                mean[j] = mean[j] * alpha + keep * g;
                variance -= mean[j] * mean[j];
            }
            float avg = (float) Math.sqrt(variance) + config.eps();
            if (momentumBuffer >= 0) {
                float[] buffer = state[momentumBuffer];
                buffer[j] = buffer[j] * config.momentum() + g / avg;
                param[j] += -lr * buffer[j];
            } else {
                param[j] += -lr * g / avg;
            }
        }
    }
}
