package fovea.optim;

import fovea.tensor.Tensor;
import java.util.List;

/**
 * Adam, as PyTorch's torch.optim.Adam: weight decay is L2, added to the gradient (g += wd p), before the
 * bias-corrected moment update of {@link AdamUpdate}. For decoupled weight decay use {@link AdamW}.
 */
public final class Adam extends Optimizer {
    private static final int EXP_AVG = 0;
    private static final int EXP_AVG_SQ = 1;
    private final Config config;

    /** The settings of Adam. */
    public record Config(float lr, float beta1, float beta2, float eps, float weightDecay) {
        /** Validates the settings as PyTorch does. */
        public Config {
            Checks.nonNegative("Adam", "lr", lr);
            AdamUpdate.checkBetas("Adam", beta1, beta2);
            Checks.nonNegative("Adam", "eps", eps);
            Checks.nonNegative("Adam", "weightDecay", weightDecay);
        }

        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Config defaults() {
            return new Config(1e-3f, 0.9f, 0.999f, 1e-8f, 0f);
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

        /** These settings with weight decay {@code value} (L2, added to the gradient). */
        public Config withWeightDecay(float value) {
            return new Config(lr, beta1, beta2, eps, value);
        }
    }

    /** Adam over {@code params}, keeping PyTorch's "exp_avg" and "exp_avg_sq" per parameter. */
    public Adam(List<Tensor> params, Config config) {
        this(one(params), config);
    }

    /** Adam over parameter groups, each at its own lr and weight decay or else at config's. */
    public Adam(ParamGroups groups, Config config) {
        super(groups, config.lr(), config.weightDecay(), List.of("exp_avg", "exp_avg_sq"));
        this.config = config;
    }

    /** The settings this optimizer was made with (each group's rate and weight decay: see groups()). */
    public Config config() {
        return config;
    }

    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        AdamUpdate.apply(param, grad, group.weightDecay(), state[EXP_AVG], state[EXP_AVG_SQ], step,
                group.lr(), config.beta1(), config.beta2(), config.eps());
    }
}
