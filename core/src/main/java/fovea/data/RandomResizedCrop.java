package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Cuts a random window out of an image [C, H, W] and resizes it to size x size (antialiased bilinear), as
 * torchvision's RandomResizedCrop: the window's area is a uniform fraction in [minScale, maxScale] of the image's,
 * its aspect ratio (width / height) log-uniform in [minRatio, maxRatio], tried ten times until such a window fits,
 * else the central window of the largest area whose ratio is clamped into the range. Inception's crop; the
 * defaults are torchvision's scale (0.08, 1) and ratio (3/4, 4/3).
 */
public record RandomResizedCrop(int size, double minScale, double maxScale, double minRatio, double maxRatio)
        implements Transform {
    /** Checks that the size is >= 1 and the ranges are ordered, the scales in (0, 1] and the ratios > 0. */
    public RandomResizedCrop {
        if (size < 1 || !(minScale > 0 && minScale <= maxScale && maxScale <= 1)
                || !(minRatio > 0 && minRatio <= maxRatio && Double.isFinite(maxRatio))) {
            throw new IllegalArgumentException("RandomResizedCrop: expected size >= 1, 0 < minScale <= maxScale <= 1 and "
                    + "0 < minRatio <= maxRatio; got size=" + size + ", scale=(" + minScale + ", " + maxScale + "), ratio=("
                    + minRatio + ", " + maxRatio + ")");
        }
    }

    /** Output size x size with torchvision's default scale (0.08, 1) and ratio (3/4, 4/3). */
    public static RandomResizedCrop of(int size) {
        return new RandomResizedCrop(size, 0.08, 1, 3.0 / 4, 4.0 / 3);
    }

    /** A window of an image: rows top..top+height-1, columns left..left+width-1. */
    public record Window(int top, int left, int height, int width) {}

    /** torchvision's get_params: a random window of an image of {@code height} x {@code width}. */
    public Window window(int height, int width, RandomGenerator random) {
        double area = (double) height * width;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
            double ratio = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
            // Python's round, half to even.
            int w = (int) Math.rint(Math.sqrt(target * ratio));
            int h = (int) Math.rint(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new Window(top, left, h, w);
            }
        }
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < minRatio) {
            h = (int) Math.rint(w / minRatio);
        } else if (inRatio > maxRatio) {
            w = (int) Math.rint(h * maxRatio);
        }
        return new Window((height - h) / 2, (width - w) / 2, h, w);
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        Images.checkImage(toString(), image);
        Window window = window(image.size(1), image.size(2), random);
        Tensor cut = Images.crop(image, window.top(), window.left(), window.height(), window.width(), 0);
        return Images.resizeBilinear(cut, size, size);
    }
}
