package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Mirrors an image [C, H, W] left to right with probability {@code p} (0.5 is the usual choice). */
public record HorizontalFlip(double p) implements Transform {
    /** Checks that p is a probability. */
    public HorizontalFlip {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("HorizontalFlip: p must be in [0, 1]; got " + p);
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException(this + ": expected an image [C, H, W]; got " + image.shape());
        }
        // Always draw, so the generator advances the same way whether or not this image flips.
        if (random.nextDouble() >= p) return image;
        return mirror(image);
    }

    /** The image [C, H, W] (or any tensor whose last dim is the width) mirrored left to right. */
    static Tensor mirror(Tensor image) {
        int width = image.size(image.rank() - 1);
        int rows = (int) (image.numel() / width);
        float[] values = image.toArray();
        for (int row = 0; row < rows; row++) {
            for (int i = row * width, j = i + width - 1; i < j; i++, j--) {
                float swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }
        }
        return Tensor.of(values, image.shape());
    }
}
