package fovea.optim;

/**
 * PyTorch's CosineAnnealingLR in its closed form: etaMin + (base - etaMin) (1 + cos(π t / tMax)) / 2, from the base
 * rate at t = 0 down to etaMin at tMax (and, past tMax, back up along the cosine as PyTorch's closed form); etaMin is
 * the same for every group, as in PyTorch.
 */
public record CosineAnnealingLr(float baseLr, int tMax, float etaMin) implements LrSchedule {
    /** Validates the settings: baseLr and etaMin >= 0, tMax > 0. */
    public CosineAnnealingLr {
        Checks.nonNegative("CosineAnnealingLr", "baseLr", baseLr);
        Checks.positive("CosineAnnealingLr", "tMax", tMax);
        Checks.nonNegative("CosineAnnealingLr", "etaMin", etaMin);
    }

    /** Anneals to 0, PyTorch's default etaMin. */
    public CosineAnnealingLr(float baseLr, int tMax) {
        this(baseLr, tMax, 0f);
    }

    @Override public float lr(float base, int t) {
        Checks.epoch("CosineAnnealingLr", t);
        return (float) (etaMin + ((double) base - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2);
    }
}
