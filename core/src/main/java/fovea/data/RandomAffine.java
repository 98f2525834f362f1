package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Rotates an image [C, H, W] by a uniform angle in [-degrees, degrees] about its centre and shifts it by a uniform
 * whole number of pixels up to {@code translate} x W across and {@code translate} x H down, as torchvision's
 * RandomAffine(degrees, translate=(t, t), interpolation=BILINEAR): values come from bilinear interpolation, and
 * pixels that come from outside the image are 0.
 */
public record RandomAffine(double degrees, double translate) implements Transform {
    /** Checks that the angle is in [0, 180] and the shift fraction in [0, 1]. */
    public RandomAffine {
        if (!(degrees >= 0 && degrees <= 180) || !(translate >= 0 && translate <= 1)) {
            throw new IllegalArgumentException("RandomAffine: degrees must be in [0, 180] and translate in [0, 1]; got degrees="
                    + degrees + ", translate=" + translate);
        }
    }

    /** Rotations only, by up to {@code degrees} either way. */
    public static RandomAffine rotation(double degrees) {
        return new RandomAffine(degrees, 0);
    }

    /** Shifts only, by up to {@code translate} of the width and height either way. */
    public static RandomAffine translation(double translate) {
        return new RandomAffine(0, translate);
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException(this + ": expected an image [C, H, W]; got " + image.shape());
        }
        // Always three draws, so the generator advances the same way whatever the settings; shifts are rounded to
        // whole pixels as torchvision does, which keeps a pure shift free of interpolation blur.
        double angle = (2 * random.nextDouble() - 1) * degrees;
        double maxX = translate * image.size(2);
        double maxY = translate * image.size(1);
        long shiftX = Math.round((2 * random.nextDouble() - 1) * maxX);
        long shiftY = Math.round((2 * random.nextDouble() - 1) * maxY);
        return transform(image, angle, shiftX, shiftY);
    }

    /**
     * The image [C, H, W] turned counter-clockwise by {@code angle} degrees about its centre, as torchvision's rotate,
     * then moved {@code shiftX} pixels right and {@code shiftY} down; bilinear, zeros outside. (torchvision's affine
     * counts angles clockwise instead; the random angle is symmetric about 0, so the augmentation is the same.)
     */
    public static Tensor transform(Tensor image, double angle, double shiftX, double shiftY) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException("RandomAffine.transform: expected an image [C, H, W]; got " + image.shape());
        }
        int channels = image.size(0);
        int height = image.size(1);
        int width = image.size(2);
        float[] in = image.toArray();
        float[] out = new float[in.length];
        double radians = Math.toRadians(angle);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        // Pixel centres are at whole coordinates, so the centre of the image is ((W - 1) / 2, (H - 1) / 2), the same
        // point as torchvision's (W / 2, H / 2) in its corner-based coordinates.
        double centreX = (width - 1) / 2.0;
        double centreY = (height - 1) / 2.0;
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Each output pixel reads the input where the inverse map sends it; with y pointing down, a
                // counter-clockwise turn by a is undone by the matrix [[cos a, -sin a], [sin a, cos a]].
                double u = x - centreX - shiftX;
                double v = y - centreY - shiftY;
                double sourceX = cos * u - sin * v + centreX;
                double sourceY = sin * u + cos * v + centreY;
                int x0 = (int) Math.floor(sourceX);
                int y0 = (int) Math.floor(sourceY);
                if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) continue; // all four neighbours outside: 0
                double fx = sourceX - x0;
                double fy = sourceY - y0;
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    double top = (1 - fx) * pixel(in, base, x0, y0, height, width) + fx * pixel(in, base, x0 + 1, y0, height, width);
                    double bottom = (1 - fx) * pixel(in, base, x0, y0 + 1, height, width)
                            + fx * pixel(in, base, x0 + 1, y0 + 1, height, width);
                    out[base + y * width + x] = (float) ((1 - fy) * top + fy * bottom);
                }
            }
        }
        return Tensor.of(out, channels, height, width);
    }

    /** The value at (x, y) of the channel starting at {@code base}, 0 outside the image (zero padding). */
    private static double pixel(float[] in, int base, int x, int y, int height, int width) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : in[base + y * width + x];
    }
}
