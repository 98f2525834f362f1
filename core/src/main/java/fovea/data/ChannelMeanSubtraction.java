package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/** Subtracts the training set's mean of each channel (dim 0 of an example [C, ...]), as VGG's preprocessing. */
public final class ChannelMeanSubtraction implements Preprocessing {
    private final Affine affine;
    private final Tensor mean;

    private ChannelMeanSubtraction(Affine.Statistics statistics) {
        float[] ones = new float[statistics.mean().length];
        Arrays.fill(ones, 1f);
        affine = new Affine("ChannelMeanSubtraction", statistics.exampleDims(), statistics.inner(), statistics.mean(), ones);
        mean = affine.shaped(statistics.mean());
    }

    /** The mean of each channel over all training examples and positions. */
    public static ChannelMeanSubtraction fit(Dataset<Example> train) {
        return new ChannelMeanSubtraction(Affine.fit("ChannelMeanSubtraction", train, true));
    }

    /** The channel means, [C, 1, ..., 1], ready to broadcast against an example. */
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
        return "ChannelMeanSubtraction(mean=" + Arrays.toString(mean.toArray()) + ")";
    }
}
