package fovea.classic;

import fovea.tensor.Tensor;

/**
 * A preprocessing of feature rows fitted on the training set only and then applied, unchanged, to every split:
 * y = A (x - mean) for a matrix A that depends on the kind (the identity, a diagonal of 1/std, principal axes,
 * a whitening matrix). Fitting on data the model is evaluated on would leak that data into training.
 */
public interface FeatureTransform {
    /** The transformed rows: x [N, inFeatures] to [N, outFeatures]. */
    Tensor apply(Tensor x);

    /**
     * Weights that score the transformed features, [outFeatures, C], expressed on the original features: Aᵀ w,
     * [inFeatures, C], so that w . y = (Aᵀ w) . (x - mean). A linear classifier's templates are shown this way.
     */
    Tensor pullBack(Tensor weights);

    /** The number of features this transform expects. */
    int inFeatures();

    /** The number of features it produces. */
    int outFeatures();

    /** No change at all. */
    static FeatureTransform identity(int features) {
        return new FeatureTransform() {
            @Override public Tensor apply(Tensor x) {
                Centering.checkRows("identity", x, features);
                return x;
            }

            @Override public Tensor pullBack(Tensor weights) {
                return weights;
            }

            @Override public int inFeatures() {
                return features;
            }

            @Override public int outFeatures() {
                return features;
            }

            @Override public String toString() {
                return "identity";
            }
        };
    }
}
