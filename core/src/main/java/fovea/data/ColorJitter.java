package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Random changes of brightness, contrast and saturation of an image [C, H, W] with C = 1 or 3 and values in [0, 1],
 * as torchvision's ColorJitter(brightness, contrast, saturation): each factor is uniform in [max(0, 1 - s), 1 + s]
 * for its strength s, the three adjustments run in a random order, and each result is clamped to [0, 1].
 * Saturation leaves a 1-channel image unchanged. Apply it before standardization, while values are still in [0, 1].
 */
public record ColorJitter(double brightness, double contrast, double saturation) implements Transform {
    /** Checks that the strengths are >= 0. */
    public ColorJitter {
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0)) {
            throw new IllegalArgumentException("ColorJitter: brightness, contrast and saturation must be >= 0; got "
                    + brightness + ", " + contrast + ", " + saturation);
        }
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        channels("ColorJitter", image);
        // Always the same five draws (three factors, then a permutation of three), whatever the strengths.
        double[] factors = {factor(brightness, random), factor(contrast, random), factor(saturation, random)};
        int[] order = {0, 1, 2};
        for (int i = 2; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        Tensor result = image;
        for (int which : order) {
            result = switch (which) {
                case 0 -> brightness(result, factors[0]);
                case 1 -> contrast(result, factors[1]);
                default -> saturation(result, factors[2]);
            };
        }
        return result;
    }

    /** Uniform in [max(0, 1 - strength), 1 + strength]; exactly 1 when strength is 0. */
    private static double factor(double strength, RandomGenerator random) {
        double low = Math.max(0, 1 - strength);
        return low + random.nextDouble() * (1 + strength - low);
    }

    /** clamp(factor * x, 0, 1): the image blended with black, as torchvision's adjust_brightness. */
    public static Tensor brightness(Tensor image, double factor) {
        checkFactor("ColorJitter.brightness", factor);
        channels("ColorJitter.brightness", image);
        float[] values = image.toArray();
        for (int i = 0; i < values.length; i++) values[i] = clamp(factor * values[i]);
        return Tensor.of(values, image.shape());
    }

    /**
     * clamp(factor * x + (1 - factor) * m, 0, 1), where m is the mean of the image's grayscale: the image blended
     * with its mean gray, as torchvision's adjust_contrast.
     */
    public static Tensor contrast(Tensor image, double factor) {
        checkFactor("ColorJitter.contrast", factor);
        channels("ColorJitter.contrast", image);
        float[] values = image.toArray();
        float[] gray = grayscale(values, image.size(0), image.size(1) * image.size(2));
        double sum = 0;
        for (float g : gray) sum += g;
        float mean = (float) (sum / gray.length);
        for (int i = 0; i < values.length; i++) values[i] = clamp(factor * values[i] + (1 - factor) * mean);
        return Tensor.of(values, image.shape());
    }

    /**
     * clamp(factor * x + (1 - factor) * gray, 0, 1) per pixel: the image blended with its own grayscale, as
     * torchvision's adjust_saturation; a 1-channel image is returned unchanged.
     */
    public static Tensor saturation(Tensor image, double factor) {
        checkFactor("ColorJitter.saturation", factor);
        if (channels("ColorJitter.saturation", image) == 1) return image;
        float[] values = image.toArray();
        int plane = image.size(1) * image.size(2);
        float[] gray = grayscale(values, 3, plane);
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < plane; j++) {
                values[c * plane + j] = clamp(factor * values[c * plane + j] + (1 - factor) * gray[j]);
            }
        }
        return Tensor.of(values, image.shape());
    }

    /** The luma 0.2989 R + 0.587 G + 0.114 B of each pixel (ITU-R 601, torchvision's weights), or the one channel. */
    private static float[] grayscale(float[] values, int channels, int plane) {
        if (channels == 1) return values.clone();
        float[] gray = new float[plane];
        for (int j = 0; j < plane; j++) {
            gray[j] = 0.2989f * values[j] + 0.587f * values[plane + j] + 0.114f * values[2 * plane + j];
        }
        return gray;
    }

    private static float clamp(double value) {
        return (float) Math.min(1, Math.max(0, value));
    }

    private static void checkFactor(String op, double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(op + ": factor must be a finite number >= 0; got " + factor);
        }
    }

    private static int channels(String op, Tensor image) {
        if (image.rank() != 3 || (image.size(0) != 1 && image.size(0) != 3)) {
            throw new IllegalArgumentException(op + ": expected an image [C, H, W] with C = 1 or 3; got " + image.shape());
        }
        return image.size(0);
    }
}
