package fovea.optim;

import java.util.List;

/** PyTorch's MultiStepLR: base · gamma^(the number of milestones <= t). */
public record MultiStepLr(float baseLr, List<Integer> milestones, float gamma) implements LrSchedule {
    /** Validates the settings: baseLr and gamma >= 0, milestones > 0 and increasing. */
    public MultiStepLr {
        Checks.nonNegative("MultiStepLr", "baseLr", baseLr);
        Checks.nonNegative("MultiStepLr", "gamma", gamma);
        milestones = List.copyOf(milestones);
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) <= 0 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                throw new IllegalArgumentException("MultiStepLr: milestones must be > 0 and increasing; got " + milestones);
            }
        }
    }

    @Override public float lr(float base, int t) {
        Checks.epoch("MultiStepLr", t);
        int passed = 0;
        for (int milestone : milestones) if (milestone <= t) passed++;
        return (float) (base * Math.pow(gamma, passed));
    }
}
