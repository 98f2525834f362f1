package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Pads an image [C, H, W] with {@code padding} zeros on every side and cuts a random {@code size} x {@code size}
 * window out of it, as torchvision's RandomCrop(size, padding): pad 4 then crop 32 for CIFAR-10, pad 2 then crop 28
 * for Fashion-MNIST. The top-left corner is uniform over all windows that fit.
 */
public record RandomCrop(int size, int padding) implements Transform {
    /** Checks that the sizes make sense. */
    public RandomCrop {
        if (size < 1 || padding < 0) {
            throw new IllegalArgumentException("RandomCrop: size must be >= 1 and padding >= 0; got size=" + size
                    + ", padding=" + padding);
        }
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        if (image.rank() != 3 || image.size(1) + 2 * padding < size || image.size(2) + 2 * padding < size) {
            throw new IllegalArgumentException(this + ": expected an image [C, H, W] with H, W >= " + (size - 2 * padding)
                    + "; got " + image.shape());
        }
        int channels = image.size(0);
        int height = image.size(1);
        int width = image.size(2);
        // Offsets in the padded image; a padded row or column outside the image reads as zero.
        int top = random.nextInt(height + 2 * padding - size + 1) - padding;
        int left = random.nextInt(width + 2 * padding - size + 1) - padding;
        float[] in = image.toArray();
        float[] out = new float[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                int sourceY = top + y;
                if (sourceY < 0 || sourceY >= height) continue;
                int from = Math.max(0, -left);
                int to = Math.min(size, width - left);
                if (to > from) {
                    System.arraycopy(in, (c * height + sourceY) * width + left + from, out, (c * size + y) * size + from, to - from);
                }
            }
        }
        return Tensor.of(out, channels, size, size);
    }
}
