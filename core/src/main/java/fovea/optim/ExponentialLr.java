package fovea.optim;

/** PyTorch's ExponentialLR: base · gamma^t. */
public record ExponentialLr(float baseLr, float gamma) implements LrSchedule {
    /** Validates the settings: both >= 0. */
    public ExponentialLr {
        Checks.nonNegative("ExponentialLr", "baseLr", baseLr);
        Checks.nonNegative("ExponentialLr", "gamma", gamma);
    }

    @Override public float lr(float base, int t) {
        Checks.epoch("ExponentialLr", t);
        return (float) (base * Math.pow(gamma, t));
    }
}
