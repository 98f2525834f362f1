package fovea.classic;

import fovea.tensor.Tensor;

/**
 * Standardization of every feature: (x - mean) / std with the training rows' mean and population standard deviation
 * (as scikit-learn's StandardScaler); a feature whose std is 0 is only centred.
 */
public final class Standardizing implements FeatureTransform {
    private final Tensor mean;
    private final Tensor std;

    private Standardizing(Tensor mean, Tensor std) {
        this.mean = mean;
        this.std = std;
    }

    /** The mean and std of each feature of the training rows x [N, D]. */
    public static Standardizing fit(Tensor x) {
        Centering.checkRows("Standardizing.fit", x, -1);
        Tensor mean = Centering.meanOf(x);
        int n = x.size(0), d = x.size(1);
        float[] values = x.toArray();
        float[] m = mean.toArray();
        double[] sums = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double difference = values[i * d + j] - m[j];
                sums[j] += difference * difference;
            }
        }
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            std[j] = (float) Math.sqrt(sums[j] / n);
            if (std[j] == 0) std[j] = 1;
        }
        return new Standardizing(mean, Tensor.of(std, d));
    }

    /** The training mean of each feature, [D]. */
    public Tensor mean() {
        return mean;
    }

    /** The training standard deviation of each feature, [D] (1 where it was 0). */
    public Tensor std() {
        return std;
    }

    @Override public Tensor apply(Tensor x) {
        Centering.checkRows("Standardizing", x, mean.numel());
        return x.sub(mean).div(std);
    }

    @Override public Tensor pullBack(Tensor weights) {
        return weights.div(std.reshape(-1, 1));
    }

    @Override public int inFeatures() {
        return mean.numel();
    }

    @Override public int outFeatures() {
        return mean.numel();
    }

    @Override public String toString() {
        return "Standardizing(features=" + mean.numel() + ")";
    }
}
