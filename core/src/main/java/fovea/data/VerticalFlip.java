package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Turns an image [C, H, W] upside down with probability {@code p}, as torchvision's RandomVerticalFlip. */
public record VerticalFlip(double p) implements Transform {
    /** Checks that p is a probability. */
    public VerticalFlip {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("VerticalFlip: p must be in [0, 1]; got " + p);
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        Images.checkImage(toString(), image);
        // Always draw, so the generator advances the same way whether or not this image flips.
        if (random.nextDouble() >= p) return image;
        return Images.flipVertical(image);
    }
}
