package fovea.optim;

/** PyTorch's StepLR: baseLr · gamma^⌊epoch / stepSize⌋, the rate divided every {@code stepSize} epochs. */
public record StepLr(float baseLr, int stepSize, float gamma) implements LrSchedule {
    /** Validates the settings: baseLr and gamma >= 0, stepSize > 0. */
    public StepLr {
        Checks.nonNegative("StepLr", "baseLr", baseLr);
        Checks.positive("StepLr", "stepSize", stepSize);
        Checks.nonNegative("StepLr", "gamma", gamma);
    }

    /** Decays by PyTorch's default gamma 0.1 every {@code stepSize} epochs. */
    public StepLr(float baseLr, int stepSize) {
        this(baseLr, stepSize, 0.1f);
    }

    @Override public float lr(int epoch) {
        Checks.epoch("StepLr", epoch);
        return (float) (baseLr * Math.pow(gamma, epoch / stepSize));
    }
}
