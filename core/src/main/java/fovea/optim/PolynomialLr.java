package fovea.optim;

/** PyTorch's PolynomialLR: baseLr · (1 - min(epoch, totalIters) / totalIters)^power, reaching 0 at totalIters. */
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

    @Override public float lr(int epoch) {
        Checks.epoch("PolynomialLr", epoch);
        return (float) (baseLr * Math.pow(1 - (double) Math.min(epoch, totalIters) / totalIters, power));
    }
}
