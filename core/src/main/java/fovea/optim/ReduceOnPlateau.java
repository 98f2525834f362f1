package fovea.optim;

import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's ReduceLROnPlateau: multiplies every group's rate by {@code factor} (not below minLr) when a
 * validation metric has not improved for more than {@code patience} epochs, such as "divide by 10 when
 * validation accuracy stops improving" ({@code Config.defaults().withMode(Mode.MAX)}). Its counters are saved
 * through {@link #stateDict()}, so a resumed run keeps its patience.
 */
public final class ReduceOnPlateau implements Stateful {
    /** Whether a smaller metric (a loss) or a larger one (an accuracy) is better. */
    public enum Mode { MIN, MAX }

    /** Whether an improvement must beat the best by a fraction of it (REL) or by an amount (ABS). */
    public enum ThresholdMode { REL, ABS }

    private final Optimizer optimizer;
    private final Config config;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    /** The settings of the plateau detector. */
    public record Config(Mode mode, float factor, int patience, float threshold, ThresholdMode thresholdMode,
            int cooldown, float minLr, float eps) {
        /** Validates the settings as PyTorch does. */
        public Config {
            if (mode == null || thresholdMode == null) {
                throw new IllegalArgumentException("ReduceOnPlateau: mode and thresholdMode must be given; got mode="
                        + mode + ", thresholdMode=" + thresholdMode);
            }
            if (!(factor >= 0 && factor < 1)) {
                throw new IllegalArgumentException("ReduceOnPlateau: factor must be in [0, 1); got " + factor);
            }
            if (patience < 0 || cooldown < 0) {
                throw new IllegalArgumentException("ReduceOnPlateau: patience and cooldown must be >= 0; got patience="
                        + patience + ", cooldown=" + cooldown);
            }
            Checks.nonNegative("ReduceOnPlateau", "threshold", threshold);
            Checks.nonNegative("ReduceOnPlateau", "minLr", minLr);
            Checks.nonNegative("ReduceOnPlateau", "eps", eps);
        }

        /** PyTorch's defaults: mode MIN, factor 0.1, patience 10, threshold 1e-4 REL, no cooldown, minLr 0, eps 1e-8. */
        public static Config defaults() {
            return new Config(Mode.MIN, 0.1f, 10, 1e-4f, ThresholdMode.REL, 0, 0f, 1e-8f);
        }

        /** These settings with mode {@code value}: MIN for a loss, MAX for an accuracy. */
        public Config withMode(Mode value) {
            return new Config(value, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** These settings with the factor {@code value} each reduction multiplies the rate by. */
        public Config withFactor(float value) {
            return new Config(mode, value, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** These settings with {@code value} epochs without improvement tolerated before a reduction. */
        public Config withPatience(int value) {
            return new Config(mode, factor, value, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** These settings with the improvement threshold {@code value}, read as {@code how}. */
        public Config withThreshold(float value, ThresholdMode how) {
            return new Config(mode, factor, patience, value, how, cooldown, minLr, eps);
        }

        /** These settings with {@code value} epochs after a reduction during which bad epochs are not counted. */
        public Config withCooldown(int value) {
            return new Config(mode, factor, patience, threshold, thresholdMode, value, minLr, eps);
        }

        /** These settings with the rate never reduced below {@code value}. */
        public Config withMinLr(float value) {
            return new Config(mode, factor, patience, threshold, thresholdMode, cooldown, value, eps);
        }
    }

    /** Watches a metric for {@code optimizer}; no epoch has been seen yet. */
    public ReduceOnPlateau(Optimizer optimizer, Config config) {
        if (optimizer == null || config == null) {
            throw new IllegalArgumentException("ReduceOnPlateau: expected an optimizer and a config; got optimizer="
                    + optimizer + ", config=" + config);
        }
        this.optimizer = optimizer;
        this.config = config;
        this.best = config.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Records the metric of the epoch just finished and reduces the rates if it has plateaued; true if any changed. */
    public boolean step(float metric) {
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;     // a NaN metric counts as no improvement, as in PyTorch
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs <= config.patience()) return false;
        badEpochs = 0;
        cooldownLeft = config.cooldown();
        boolean reduced = false;
        for (Optimizer.Group group : optimizer.groups()) {
            float old = group.lr();
            float lower = (float) Math.max((double) old * config.factor(), config.minLr());
            // PyTorch skips changes smaller than eps, so the rate settles at minLr
            if (old - lower > config.eps()) {
                group.setLr(lower);
                reduced = true;
            }
        }
        return reduced;
    }

    private boolean isBetter(double metric) {
        double threshold = config.threshold();
        boolean relative = config.thresholdMode() == ThresholdMode.REL;
        if (config.mode() == Mode.MIN) return metric < (relative ? best * (1 - threshold) : best - threshold);
        return metric > (relative ? best * (1 + threshold) : best + threshold);
    }

    /** The best metric seen so far (±infinity before the first step). */
    public double best() {
        return best;
    }

    /** The number of epochs since the last improvement, as counted towards patience. */
    public int badEpochs() {
        return badEpochs;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** PyTorch's keys: "best" (a float: metrics are floats), "num_bad_epochs" and "cooldown_counter". */
    @Override public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("best", Tensor.scalar((float) best));
        out.put("num_bad_epochs", Tensor.scalar(badEpochs));
        out.put("cooldown_counter", Tensor.scalar(cooldownLeft));
        return out;
    }

    /** Restores the counters saved by {@link #stateDict()}; strict, and nothing changes unless all fit. */
    @Override public void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = Stateful.problems(stateDict(), state);
        if (problems.isEmpty()) {
            if (Float.isNaN(state.get("best").item())) problems.add("value: best must be a number; got NaN");
            for (String key : List.of("num_bad_epochs", "cooldown_counter")) {
                float value = state.get(key).item();
                if (!(value >= 0 && value == Math.rint(value) && value < 1 << 24)) {
                    problems.add("value: " + key + " must be a whole number >= 0; got " + value);
                }
            }
        }
        Stateful.check("ReduceOnPlateau", problems);
        best = state.get("best").item();
        badEpochs = (int) state.get("num_bad_epochs").item();
        cooldownLeft = (int) state.get("cooldown_counter").item();
    }
}
