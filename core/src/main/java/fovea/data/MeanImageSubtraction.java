package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/** Subtracts the training set's mean image, one mean per position, as CS231n does before a linear classifier. */
public final class MeanImageSubtraction implements Preprocessing {
    private final Affine affine;
    private final Tensor mean;

    private MeanImageSubtraction(Affine.Statistics statistics) {
        float[] ones = new float[statistics.mean().length];
        Arrays.fill(ones, 1f);
        affine = new Affine("MeanImageSubtraction", statistics.exampleDims(), 1, statistics.mean(), ones);
        mean = affine.shaped(statistics.mean());
    }

    /** The mean of the training examples at each position. */
    public static MeanImageSubtraction fit(Dataset<Example> train) {
        return new MeanImageSubtraction(Affine.fit("MeanImageSubtraction", train, false));
    }

    /** The mean image, of the example shape. */
    public Tensor mean() {
        return mean;
    }

    @Override public Tensor apply(Tensor features) {
        return affine.apply(features);
    }

    @Override public TensorDataset apply(Dataset<Example> data) {
        return affine.apply(data);
    }

    @Override public String toString() {
        return "MeanImageSubtraction(shape=" + mean.shape() + ")";
    }
}
