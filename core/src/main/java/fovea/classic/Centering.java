package fovea.classic;

import fovea.tensor.Tensor;

/** Zero-centering: subtracts the training rows' mean from every feature (the course's mean image). */
public final class Centering implements FeatureTransform {
    private final Tensor mean;

    private Centering(Tensor mean) {
        this.mean = mean;
    }

    /** The mean of the training rows x [N, D], N >= 1. */
    public static Centering fit(Tensor x) {
        checkRows("Centering.fit", x, -1);
        return new Centering(meanOf(x));
    }

    /** The training mean of each feature, [D]. */
    public Tensor mean() {
        return mean;
    }

    @Override public Tensor apply(Tensor x) {
        checkRows("Centering", x, mean.numel());
        return x.sub(mean);
    }

    @Override public Tensor pullBack(Tensor weights) {
        return weights;
    }

    @Override public int inFeatures() {
        return mean.numel();
    }

    @Override public int outFeatures() {
        return mean.numel();
    }

    @Override public String toString() {
        return "Centering(features=" + mean.numel() + ")";
    }

    /** The column means of x [N, D], accumulated in double. */
    static Tensor meanOf(Tensor x) {
        int n = x.size(0), d = x.size(1);
        float[] values = x.toArray();
        double[] sums = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) sums[j] += values[i * d + j];
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) mean[j] = (float) (sums[j] / n);
        return Tensor.of(mean, d);
    }

    /** Checks x is [N, features] with N >= 1 (features < 0: any). */
    static void checkRows(String op, Tensor x, int features) {
        if (x.rank() != 2 || x.size(0) < 1 || (features >= 0 && x.size(1) != features)) {
            throw new IllegalArgumentException(op + ": expected rows [N, " + (features >= 0 ? features : "D")
                    + "] with N >= 1; got " + x.shape());
        }
    }
}
