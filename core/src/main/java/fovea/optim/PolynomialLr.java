package fovea.optim;

/** PyTorch's PolynomialLR: base · (1 - min(t, totalIters) / totalIters)^power, reaching 0 at totalIters. */
public record PolynomialLr(float baseLr, int totalIters, float power) implements LrSchedule {
    /** Validates the settings: baseLr and power >= 0, totalIters > 0. */
    public PolynomialLr {
        Checks.nonNegative("PolynomialLr", "baseLr", baseLr);
        Checks.positive("PolynomialLr", "totalIters", totalIters);
        Checks.nonNegative("PolynomialLr", "power", power);
    }

    /** PyTorch's defaults: 5 epochs, power 1 (a straight line to 0). */
    public PolynomialLr(float baseLr) {
        this(baseLr, 5, 1f);
    }

    @Override public float lr(float base, int t) {
        Checks.epoch("PolynomialLr", t);
        return (float) (base * Math.pow(1 - (double) Math.min(t, totalIters) / totalIters, power));
    }
}
