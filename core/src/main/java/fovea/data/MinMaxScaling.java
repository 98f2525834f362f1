package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * (x - min) / (max - min) per channel (dim 0 of an example [C, ...]), with the training set's minimum and maximum,
 * as scikit-learn's MinMaxScaler: training data lands in [0, 1], other data may fall outside. A constant channel is
 * only shifted.
 */
public final class MinMaxScaling implements Preprocessing {
    private final Affine affine;
    private final Tensor min;
    private final Tensor max;

    private MinMaxScaling(Affine.Statistics statistics) {
        float[] range = new float[statistics.min().length];
        for (int c = 0; c < range.length; c++) range[c] = statistics.max()[c] - statistics.min()[c];
        affine = new Affine("MinMaxScaling", statistics.exampleDims(), statistics.inner(), statistics.min(),
                Affine.reciprocal(range));
        min = affine.shaped(statistics.min());
        max = affine.shaped(statistics.max());
    }

    /** The minimum and maximum of each channel over all training examples and positions. */
    public static MinMaxScaling fit(Dataset<Example> train) {
        return new MinMaxScaling(Affine.fit("MinMaxScaling", train, true));
    }

    /** The channel minimums, [C, 1, ..., 1]. */
    public Tensor min() {
        return min;
    }

    /** The channel maximums, [C, 1, ..., 1]. */
    public Tensor max() {
        return max;
    }

    @Override public Tensor apply(Tensor features) {
        return affine.apply(features);
    }

    @Override public TensorDataset apply(Dataset<Example> data) {
        return affine.apply(data);
    }

    @Override public String toString() {
        return "MinMaxScaling(min=" + Arrays.toString(min.toArray()) + ", max=" + Arrays.toString(max.toArray()) + ")";
    }
}
