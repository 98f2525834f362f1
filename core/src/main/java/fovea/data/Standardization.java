package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * (x - mean) / std per channel (dim 0 of an example [C, ...]), with the training set's mean and population
 * standard deviation, as torchvision's Normalize with statistics computed on the training set. A channel whose
 * std is 0 is only shifted, not divided.
 */
public final class Standardization implements Preprocessing {
    private final Affine affine;
    private final Tensor mean;
    private final Tensor std;

    private Standardization(Affine.Statistics statistics) {
        affine = new Affine("Standardization", statistics.exampleDims(), statistics.inner(), statistics.mean(),
                Affine.reciprocal(statistics.std()));
        mean = affine.shaped(statistics.mean());
        std = affine.shaped(statistics.std());
    }

    /** The mean and standard deviation of each channel over all training examples and positions. */
    public static Standardization fit(Dataset<Example> train) {
        return new Standardization(Affine.fit("Standardization", train, true));
    }

    /** The channel means, [C, 1, ..., 1]. */
    public Tensor mean() {
        return mean;
    }

    /** The channel standard deviations, [C, 1, ..., 1]. */
    public Tensor std() {
        return std;
    }

    @Override public Tensor apply(Tensor features) {
        return affine.apply(features);
    }

    @Override public TensorDataset apply(Dataset<Example> data) {
        return affine.apply(data);
    }

    @Override public String toString() {
        return "Standardization(mean=" + Arrays.toString(mean.toArray()) + ", std=" + Arrays.toString(std.toArray()) + ")";
    }
}
