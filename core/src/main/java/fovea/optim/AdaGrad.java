package fovea.optim;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * AdaGrad, as PyTorch's torch.optim.Adagrad: g += wd p; sum += g²; p -= clr g / (√sum + eps), with the decayed
 * rate clr = lr / (1 + (step - 1) lrDecay).
 */
public final class AdaGrad extends Optimizer {
    private static final int SUM = 0;
    private final Config config;

    /** The settings of AdaGrad. */
    public record Config(float lr, float lrDecay, float weightDecay, float initialAccumulatorValue, float eps) {
        /** Validates the settings as PyTorch does. */
        public Config {
            Checks.nonNegative("AdaGrad", "lr", lr);
            Checks.nonNegative("AdaGrad", "lrDecay", lrDecay);
            Checks.nonNegative("AdaGrad", "weightDecay", weightDecay);
            Checks.nonNegative("AdaGrad", "initialAccumulatorValue", initialAccumulatorValue);
            Checks.nonNegative("AdaGrad", "eps", eps);
        }

        /** PyTorch's defaults: lr 0.01, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10. */
        public static Config defaults() {
            return new Config(1e-2f, 0f, 0f, 0f, 1e-10f);
        }

        /** These settings with the learning rate {@code value}. */
        public Config withLr(float value) {
            return new Config(value, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }

        /** These settings with learning-rate decay {@code value}. */
        public Config withLrDecay(float value) {
            return new Config(lr, value, weightDecay, initialAccumulatorValue, eps);
        }

        /** These settings with weight decay {@code value} (L2, added to the gradient). */
        public Config withWeightDecay(float value) {
            return new Config(lr, lrDecay, value, initialAccumulatorValue, eps);
        }

        /** These settings with the sum of squares starting at {@code value}. */
        public Config withInitialAccumulatorValue(float value) {
            return new Config(lr, lrDecay, weightDecay, value, eps);
        }

        /** These settings with eps {@code value}, added to the root of the sum. */
        public Config withEps(float value) {
            return new Config(lr, lrDecay, weightDecay, initialAccumulatorValue, value);
        }
    }

    /** AdaGrad over {@code params}; the sum of squared gradients ("sum") starts at initialAccumulatorValue. */
    public AdaGrad(List<Tensor> params, Config config) {
        this(one(params), config);
    }

    /** AdaGrad over parameter groups, each at its own lr and weight decay or else at config's. */
    public AdaGrad(ParamGroups groups, Config config) {
        super(groups, config.lr(), config.weightDecay(), List.of("sum"));
        this.config = config;
        fillState(SUM, config.initialAccumulatorValue());
    }

    /** The settings this optimizer was made with (each group's rate and weight decay: see groups()). */
    public Config config() {
        return config;
    }

    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        // PyTorch computes the decayed rate in double and applies it as a float
        float clr = (float) (group.lr() / (1 + (step - 1) * (double) config.lrDecay()));
        float weightDecay = group.weightDecay();
        float eps = config.eps();
        float[] sum = state[SUM];
        for (int j = 0; j < param.length; j++) {
            float g = grad[j];
            if (weightDecay != 0) g += weightDecay * param[j];
            sum[j] += g * g;
            float std = (float) Math.sqrt(sum[j]) + eps;
            param[j] += -clr * g / std;
        }
    }
}
