package fovea.optim;

/**
 * A linear warm-up before another schedule: for t < warmupEpochs the rate rises linearly from
 * startFactor · after.lr(base, 0) towards after.lr(base, 0) (PyTorch's LinearLR with endFactor 1), then {@code after}
 * runs from its own t = 0, as PyTorch's SequentialLR([LinearLR, after], milestones=[warmupEpochs]). The length counts
 * whatever the scheduler counts: epochs, or optimizer steps for the usual per-step warm-up.
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
        return new LinearWarmup(new Constant(baseLr), warmupEpochs, startFactor);
    }

    @Override public float baseLr() {
        return after.baseLr();
    }

    @Override public float lr(float base, int t) {
        Checks.epoch("LinearWarmup", t);
        if (t >= warmupEpochs) return after.lr(base, t - warmupEpochs);
        double factor = startFactor + (1.0 - startFactor) * t / warmupEpochs;
        return (float) (after.lr(base, 0) * factor);
    }

    /** The base rate at every t: what a standalone warm-up leads to. */
    private record Constant(float baseLr) implements LrSchedule {
        Constant {
            Checks.nonNegative("LinearWarmup", "baseLr", baseLr);
        }

        @Override public float lr(float base, int t) {
            return base;
        }
    }
}
