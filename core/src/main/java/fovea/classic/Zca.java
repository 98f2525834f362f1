package fovea.classic;

import fovea.tensor.Tensor;

/**
 * ZCA whitening fitted on training rows: y = (x - mean) W with W = Vᵀ diag(1 / sqrt(variance + epsilon)) V, which
 * decorrelates the features and gives them unit variance while staying as close as possible to the original
 * features (the rotation into the principal axes is undone), so whitened images still look like images.
 */
public final class Zca implements FeatureTransform {
    private final Tensor mean;
    private final Tensor whitening;      // [D, D], symmetric
    private final double epsilon;

    private Zca(Tensor mean, Tensor whitening, double epsilon) {
        this.mean = mean;
        this.whitening = whitening;
        this.epsilon = epsilon;
    }

    /** Fits on training rows x [N, D], N >= 2; epsilon > 0 keeps axes of tiny variance from being blown up. */
    public static Zca fit(Tensor x, double epsilon) {
        if (!(epsilon > 0)) throw new IllegalArgumentException("Zca.fit: epsilon must be > 0; got " + epsilon);
        Eigenbasis basis = Eigenbasis.fit("Zca.fit", x);
        int d = basis.features();
        double[] scales = new double[d];
        for (int i = 0; i < d; i++) scales[i] = 1 / Math.sqrt(basis.values()[i] + epsilon);
        Tensor scaled = basis.rows(d, scales);                          // diag(s) V
        Tensor whitening = basis.rows(d, null).transpose(0, 1).matmul(scaled);
        return new Zca(basis.mean(), whitening, epsilon);
    }

    /** The whitening matrix W, [D, D]. */
    public Tensor whitening() {
        return whitening;
    }

    @Override public Tensor apply(Tensor x) {
        Centering.checkRows("Zca", x, mean.numel());
        return x.sub(mean).matmul(whitening);
    }

    @Override public Tensor pullBack(Tensor weights) {
        return whitening.matmul(weights);
    }

    @Override public int inFeatures() {
        return mean.numel();
    }

    @Override public int outFeatures() {
        return mean.numel();
    }

    @Override public String toString() {
        return "Zca(features=" + mean.numel() + ", epsilon=" + epsilon + ")";
    }
}
