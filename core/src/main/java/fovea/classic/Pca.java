package fovea.classic;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * Principal component analysis fitted on training rows: y = (x - mean) Vᵀ, the coordinates along the first n
 * principal axes (the rows of V, unit vectors in order of decreasing variance, each signed so that its largest entry
 * is positive). With whitening each coordinate is also divided by sqrt(variance + epsilon), so every output feature
 * has about unit variance on the training set (the course's PCA whitening; scikit-learn's whiten=True with epsilon 0).
 */
public final class Pca implements FeatureTransform {
    /** How many components to keep, whether to whiten, and the epsilon added to each variance when whitening. */
    public record Config(int components, boolean whiten, double epsilon) {
        /** Checks components >= 1 and epsilon >= 0. */
        public Config {
            if (components < 1 || !(epsilon >= 0)) {
                throw new IllegalArgumentException("Pca.Config: expected components >= 1 and epsilon >= 0; got "
                        + components + " and " + epsilon);
            }
        }

        /** n components, no whitening. */
        public static Config of(int components) {
            return new Config(components, false, 0);
        }
    }

    private final Eigenbasis basis;
    private final Config config;
    private final Tensor projection;        // [D, n]: the scaled components, transposed
    private final double[] scales;

    private Pca(Eigenbasis basis, Config config) {
        this.basis = basis;
        this.config = config;
        scales = new double[config.components()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = config.whiten() ? 1 / Math.sqrt(basis.values()[i] + config.epsilon()) : 1;
            if (!Double.isFinite(scales[i])) scales[i] = 0;   // a flat axis whitened with epsilon 0: drop it
        }
        projection = basis.rows(config.components(), scales).transpose(0, 1).reshape(basis.features(), config.components());
    }

    /** Fits on training rows x [N, D], N >= 2, keeping {@code config.components()} <= D components. */
    public static Pca fit(Tensor x, Config config) {
        Centering.checkRows("Pca.fit", x, -1);
        if (config.components() > x.size(1)) {
            throw new IllegalArgumentException("Pca.fit: components must be <= " + x.size(1) + ", the features of "
                    + x.shape() + "; got " + config.components());
        }
        return new Pca(Eigenbasis.fit("Pca.fit", x), config);
    }

    /** The kept principal axes as rows, [n, D]. */
    public Tensor components() {
        return basis.rows(config.components(), null);
    }

    /** The training mean, [D]. */
    public Tensor mean() {
        return basis.mean();
    }

    /** The variance along each kept axis (eigenvalues of the covariance, divided by N - 1). */
    public double[] explainedVariance() {
        return Arrays.copyOf(basis.values(), config.components());
    }

    /** Each kept axis's share of the total variance. */
    public double[] explainedVarianceRatio() {
        double total = basis.total();
        double[] ratio = explainedVariance();
        for (int i = 0; i < ratio.length; i++) ratio[i] = total == 0 ? 0 : ratio[i] / total;
        return ratio;
    }

    /** The variance along every axis, all D of them, in decreasing order. */
    public double[] allVariances() {
        return basis.values().clone();
    }

    @Override public Tensor apply(Tensor x) {
        Centering.checkRows("Pca", x, basis.features());
        return x.sub(basis.mean()).matmul(projection);
    }

    @Override public Tensor pullBack(Tensor weights) {
        if (weights.rank() != 2 || weights.size(0) != config.components()) {
            throw new IllegalArgumentException("Pca.pullBack: expected weights [" + config.components() + ", C]; got "
                    + weights.shape());
        }
        return projection.matmul(weights);
    }

    @Override public int inFeatures() {
        return basis.features();
    }

    @Override public int outFeatures() {
        return config.components();
    }

    @Override public String toString() {
        return "Pca(components=" + config.components() + (config.whiten() ? ", whiten, epsilon=" + config.epsilon() : "") + ")";
    }
}
