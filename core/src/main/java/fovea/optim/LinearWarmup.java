package fovea.optim;

/**
 * A linear warm-up before another schedule: for epoch < warmupEpochs the rate rises linearly from
 * startFactor · after.lr(0) towards after.lr(0) (PyTorch's LinearLR with endFactor 1), then {@code after} runs
 * from its own epoch 0, as PyTorch's SequentialLR([LinearLR, after], milestones=[warmupEpochs]).
 */
public record LinearWarmup(LrSchedule after, int warmupEpochs, float startFactor) implements LrSchedule {
    /** Validates the settings: a schedule to follow, warmupEpochs > 0, startFactor in (0, 1]. */
    public LinearWarmup {
        if (after == null) throw new IllegalArgumentException("LinearWarmup: expected a schedule to follow; got null");
        Checks.positive("LinearWarmup", "warmupEpochs", warmupEpochs);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup: startFactor must be in (0, 1]; got " + startFactor);
        }
    }

    /** A standalone warm-up to the constant {@code baseLr}, PyTorch's LinearLR(startFactor, endFactor 1, warmupEpochs). */
    public static LinearWarmup toConstant(float baseLr, int warmupEpochs, float startFactor) {
        Checks.nonNegative("LinearWarmup", "baseLr", baseLr);
        return new LinearWarmup(epoch -> baseLr, warmupEpochs, startFactor);
    }

    @Override public float lr(int epoch) {
        Checks.epoch("LinearWarmup", epoch);
        if (epoch >= warmupEpochs) return after.lr(epoch - warmupEpochs);
        double factor = startFactor + (1.0 - startFactor) * epoch / warmupEpochs;
        return (float) (after.lr(0) * factor);
    }
}
