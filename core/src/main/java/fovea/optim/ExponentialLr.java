package fovea.optim;

/** PyTorch's ExponentialLR: baseLr · gamma^epoch. */
public record ExponentialLr(float baseLr, float gamma) implements LrSchedule {
    /** Validates the settings: both >= 0. */
    public ExponentialLr {
        Checks.nonNegative("ExponentialLr", "baseLr", baseLr);
        Checks.nonNegative("ExponentialLr", "gamma", gamma);
    }

    @Override public float lr(int epoch) {
        Checks.epoch("ExponentialLr", epoch);
        return (float) (baseLr * Math.pow(gamma, epoch));
    }
}
