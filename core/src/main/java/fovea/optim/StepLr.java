package fovea.optim;

/** PyTorch's StepLR: base · gamma^⌊t / stepSize⌋, the rate divided every {@code stepSize} epochs (or steps). */
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

    @Override public float lr(float base, int t) {
        Checks.epoch("StepLr", t);
        return (float) (base * Math.pow(gamma, t / stepSize));
    }
}
