package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * (x - mean[c]) / std[c] for each channel c of an image [C, H, W] or a batch [B, C, H, W], as torchvision's
 * Normalize: with a mean and std given (ImageNet's, for a network trained on it), or fitted per channel on the
 * training set. As a {@link Transform} it draws nothing; as a {@link Preprocessing} it also maps whole datasets.
 */
public final class Normalize implements Transform, Preprocessing {
    /** The ImageNet channel means and standard deviations that torchvision's pretrained models expect (RGB). */
    public static final Normalize IMAGENET = new Normalize(new float[] {0.485f, 0.456f, 0.406f},
            new float[] {0.229f, 0.224f, 0.225f});

    private final float[] mean;
    private final float[] std;

    /** One mean and one std per channel; every std must be > 0 (torchvision refuses a division by zero). */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: expected one mean and one std per channel; got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c]) || !(std[c] > 0) || Float.isInfinite(std[c])) {
                throw new IllegalArgumentException("Normalize: means must be finite and stds finite and > 0; got mean "
                        + mean[c] + ", std " + std[c] + " for channel " + c);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * The mean and population standard deviation of each channel over all training examples and positions, as
     * {@link Standardization#fit}; a constant channel gets std 1, so it is shifted but not divided by 0.
     */
    public static Normalize fit(Dataset<Example> train) {
        Affine.Statistics statistics = Affine.fit("Normalize", train, true);
        float[] std = statistics.std().clone();
        for (int c = 0; c < std.length; c++) if (std[c] == 0) std[c] = 1;
        return new Normalize(statistics.mean(), std);
    }

    /** The channel means. */
    public float[] mean() {
        return mean.clone();
    }

    /** The channel standard deviations. */
    public float[] std() {
        return std.clone();
    }

    @Override public Tensor apply(Tensor features, RandomGenerator random) {
        return apply(features);
    }

    @Override public Tensor apply(Tensor features) {
        int channelDim = features.rank() - 3;
        if ((channelDim != 0 && channelDim != 1) || features.size(channelDim) != mean.length) {
            throw new IllegalArgumentException(this + ": expected an image [" + mean.length + ", H, W] or a batch [B, "
                    + mean.length + ", H, W]; got " + features.shape());
        }
        float[] values = features.toArray();
        int plane = features.size(-2) * features.size(-1);
        for (int start = 0, c = 0; start < values.length; start += plane, c = (c + 1) % mean.length) {
            float shift = mean[c];
            float scale = std[c];
            for (int j = start; j < start + plane; j++) values[j] = (values[j] - shift) / scale;
        }
        return Tensor.of(values, features.shape());
    }

    @Override public TensorDataset apply(Dataset<Example> data) {
        TensorDataset copy = TensorDataset.copyOf(data);
        float[] values = apply(copy.features()).toArray();
        return new TensorDataset(values, copy.exampleShape(), copy.labelValues().clone());
    }

    @Override public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
