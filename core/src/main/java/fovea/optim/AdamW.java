package fovea.optim;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * AdamW, as PyTorch's torch.optim.AdamW: decoupled weight decay, p -= lr wd p, applied to the parameter
 * before the bias-corrected moment update of {@link AdamUpdate}, which sees the plain gradient.
 */
public final class AdamW extends Optimizer {
    private static final int EXP_AVG = 0;
    private static final int EXP_AVG_SQ = 1;
    private final Config config;

    /** The settings of AdamW. */
    public record Config(float lr, float beta1, float beta2, float eps, float weightDecay) {
        /** Validates the settings as PyTorch does. */
        public Config {
            Checks.nonNegative("AdamW", "lr", lr);
            AdamUpdate.checkBetas("AdamW", beta1, beta2);
            Checks.nonNegative("AdamW", "eps", eps);
            Checks.nonNegative("AdamW", "weightDecay", weightDecay);
        }

        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
        public static Config defaults() {
            return new Config(1e-3f, 0.9f, 0.999f, 1e-8f, 1e-2f);
        }

        /** These settings with the learning rate {@code value}. */
        public Config withLr(float value) {
            return new Config(value, beta1, beta2, eps, weightDecay);
        }

        /** These settings with the decay rates of the first and second moment averages. */
        public Config withBetas(float first, float second) {
            return new Config(lr, first, second, eps, weightDecay);
        }

        /** These settings with eps {@code value}, added to the root of the second moment. */
        public Config withEps(float value) {
            return new Config(lr, beta1, beta2, value, weightDecay);
        }

        /** These settings with decoupled weight decay {@code value} (p shrinks by lr * value each step). */
        public Config withWeightDecay(float value) {
            return new Config(lr, beta1, beta2, eps, value);
        }
    }

    /** AdamW over {@code params}, keeping PyTorch's "exp_avg" and "exp_avg_sq" per parameter. */
    public AdamW(List<Tensor> params, Config config) {
        this(one(params), config);
    }

    /** AdamW over parameter groups, each at its own lr and weight decay or else at config's. */
    public AdamW(ParamGroups groups, Config config) {
        super(groups, config.lr(), config.weightDecay(), List.of("exp_avg", "exp_avg_sq"));
        this.config = config;
    }

    /** The settings this optimizer was made with (each group's rate and weight decay: see groups()). */
    public Config config() {
        return config;
    }

    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        float lr = group.lr();
        // PyTorch: param.mul_(1 - lr * weight_decay), the factor computed in double
        float shrink = (float) (1 - (double) lr * group.weightDecay());
        for (int j = 0; j < param.length; j++) param[j] *= shrink;
        AdamUpdate.apply(param, grad, 0f, state[EXP_AVG], state[EXP_AVG_SQ], step,
                lr, config.beta1(), config.beta2(), config.eps());
    }
}
