package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * The pixel kernels the image transforms share, on tensors whose last two dims are H and W (an image [C, H, W], a
 * mask [H, W]): a crop window that may reach outside the image, an antialiased bilinear resize (PIL's and
 * torchvision's default for tensors), a nearest-neighbour resize for masks, a vertical flip.
 */
final class Images {
    private Images() {}

    /** Checks that {@code image} is [C, H, W] with H, W >= 1, naming {@code op} otherwise. */
    static void checkImage(String op, Tensor image) {
        if (image.rank() != 3 || image.size(1) < 1 || image.size(2) < 1) {
            throw new IllegalArgumentException(op + ": expected an image [C, H, W] with H, W >= 1; got " + image.shape());
        }
    }

    /** The dims of {@code planes} with the last two replaced by {@code height} and {@code width}. */
    private static int[] withSize(Tensor planes, int height, int width) {
        int[] dims = planes.shape().dims();
        dims[dims.length - 2] = height;
        dims[dims.length - 1] = width;
        return dims;
    }

    /**
     * The window of rows top..top+height-1 and columns left..left+width-1 of every plane; positions outside the
     * input read {@code fill} (torchvision pads before it crops a window that does not fit).
     */
    static Tensor crop(Tensor planes, int top, int left, int height, int width, float fill) {
        int inHeight = planes.size(-2);
        int inWidth = planes.size(-1);
        int count = (int) (planes.numel() / ((long) inHeight * inWidth));
        float[] in = planes.toArray();
        float[] out = new float[Math.multiplyExact(count, height * width)];
        if (fill != 0) Arrays.fill(out, fill);
        int from = Math.max(0, -left);
        int to = Math.min(width, inWidth - left);
        for (int p = 0; p < count; p++) {
            for (int y = 0; y < height; y++) {
                int sourceY = top + y;
                if (sourceY < 0 || sourceY >= inHeight || to <= from) continue;
                System.arraycopy(in, (p * inHeight + sourceY) * inWidth + left + from, out, (p * height + y) * width + from,
                        to - from);
            }
        }
        return Tensor.of(out, withSize(planes, height, width));
    }

    /** Every plane turned upside down. */
    static Tensor flipVertical(Tensor planes) {
        int height = planes.size(-2);
        int width = planes.size(-1);
        int count = (int) (planes.numel() / ((long) height * width));
        float[] in = planes.toArray();
        float[] out = new float[in.length];
        for (int p = 0; p < count; p++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(in, (p * height + y) * width, out, (p * height + height - 1 - y) * width, width);
            }
        }
        return Tensor.of(out, planes.shape());
    }

    /**
     * Every plane resized to height x width by nearest neighbour, as torch's interpolate(mode="nearest") that
     * torchvision uses for masks: output pixel i reads input pixel floor(i * in / out), so class indices stay whole.
     */
    static Tensor resizeNearest(Tensor planes, int height, int width) {
        int inHeight = planes.size(-2);
        int inWidth = planes.size(-1);
        int count = (int) (planes.numel() / ((long) inHeight * inWidth));
        int[] rows = nearest(inHeight, height);
        int[] columns = nearest(inWidth, width);
        float[] in = planes.toArray();
        float[] out = new float[Math.multiplyExact(count, height * width)];
        for (int p = 0; p < count; p++) {
            for (int y = 0; y < height; y++) {
                int source = (p * inHeight + rows[y]) * inWidth;
                int target = (p * height + y) * width;
                for (int x = 0; x < width; x++) out[target + x] = in[source + columns[x]];
            }
        }
        return Tensor.of(out, withSize(planes, height, width));
    }

    private static int[] nearest(int in, int out) {
        int[] source = new int[out];
        float scale = (float) in / out; // torch computes the scale in float
        for (int i = 0; i < out; i++) source[i] = Math.min((int) Math.floor(i * scale), in - 1);
        return source;
    }

    /**
     * Every plane resized to height x width by antialiased bilinear interpolation, PIL's resample and torchvision's
     * resize(antialias=True): each output pixel is a triangle-weighted mean of the input pixels under it, the
     * triangle widened by the reduction factor when shrinking (so every input pixel contributes) and plain bilinear
     * interpolation between pixel centres when enlarging; weights that fall outside the image are dropped and the
     * rest renormalized. Rows are resampled first, then columns.
     */
    static Tensor resizeBilinear(Tensor planes, int height, int width) {
        int inHeight = planes.size(-2);
        int inWidth = planes.size(-1);
        int count = (int) (planes.numel() / ((long) inHeight * inWidth));
        float[] values = planes.toArray();
        if (width != inWidth) {
            Coefficients c = coefficients(inWidth, width);
            float[] out = new float[Math.multiplyExact(count * inHeight, width)];
            for (int row = 0; row < count * inHeight; row++) {
                for (int x = 0; x < width; x++) out[row * width + x] = c.apply(values, row * inWidth, 1, x);
            }
            values = out;
        }
        if (height != inHeight) {
            Coefficients c = coefficients(inHeight, height);
            float[] out = new float[Math.multiplyExact(count * height, width)];
            for (int p = 0; p < count; p++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        out[(p * height + y) * width + x] = c.apply(values, p * inHeight * width + x, width, y);
                    }
                }
            }
            values = out;
        }
        return Tensor.of(values, withSize(planes, height, width));
    }

    /** For each output position, the first input position it reads and the weights of the positions from there. */
    private record Coefficients(int[] first, double[][] weights) {
        float apply(float[] values, int base, int stride, int i) {
            double sum = 0;
            double[] w = weights[i];
            for (int k = 0; k < w.length; k++) sum += w[k] * values[base + (first[i] + k) * stride];
            return (float) sum;
        }
    }

    /** PIL's precompute_coeffs for the bilinear (triangle) filter, whose support is 1 pixel. */
    private static Coefficients coefficients(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1);
        double support = filterScale;
        int[] first = new int[out];
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) * scale;
            int min = Math.max((int) (centre - support + 0.5), 0);
            int max = Math.min((int) (centre + support + 0.5), in);
            double[] w = new double[max - min];
            double total = 0;
            for (int k = 0; k < w.length; k++) {
                double distance = Math.abs((min + k - centre + 0.5) / filterScale);
                w[k] = distance < 1 ? 1 - distance : 0;
                total += w[k];
            }
            for (int k = 0; k < w.length; k++) w[k] = total == 0 ? 0 : w[k] / total;
            first[i] = min;
            weights[i] = w;
        }
        return new Coefficients(first, weights);
    }
}
