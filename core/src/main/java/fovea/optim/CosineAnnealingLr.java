package fovea.optim;

/**
 * PyTorch's CosineAnnealingLR in its closed form: etaMin + (baseLr - etaMin) (1 + cos(π epoch / tMax)) / 2, from
 * baseLr at epoch 0 down to etaMin at tMax (and, past tMax, back up along the cosine as PyTorch's closed form).
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

    @Override public float lr(int epoch) {
        Checks.epoch("CosineAnnealingLr", epoch);
        return (float) (etaMin + ((double) baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2);
    }
}
