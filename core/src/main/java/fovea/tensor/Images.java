package fovea.tensor;

/**
 * The fused image ops of convolutional networks on [N, C, H, W] tensors: pooling, batch and local response
 * normalization, and upsampling. Each is one graph node with a hand-written, first-order backward, and each
 * follows PyTorch's definition (named on each method).
 */
public final class Images {
    private Images() {}

    /**
     * A 2-d pooling window: kernel, stride, padding and dilation along height and width, and PyTorch's ceil mode
     * (round the output size up, dropping a last window that would start in the padding).
     */
    public record Window(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                         int dilationH, int dilationW, boolean ceilMode) {
        public Window {
            if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
                    || dilationH < 1 || dilationW < 1) {
                throw new IllegalArgumentException("Window: expected kernel, stride and dilation >= 1 and padding >= 0; got "
                        + "kernel (" + kernelH + ", " + kernelW + "), stride (" + strideH + ", " + strideW + "), padding ("
                        + padH + ", " + padW + "), dilation (" + dilationH + ", " + dilationW + ")");
            }
        }

        /** A square window with equal stride and padding in both directions, dilation 1, floor mode. */
        public static Window of(int kernel, int stride, int padding) {
            return new Window(kernel, kernel, stride, stride, padding, padding, 1, 1, false);
        }

        /** This window with the given dilation in both directions. */
        public Window withDilation(int dilation) {
            return new Window(kernelH, kernelW, strideH, strideW, padH, padW, dilation, dilation, ceilMode);
        }

        /** This window with ceil mode on or off. */
        public Window withCeilMode(boolean value) {
            return new Window(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, value);
        }

        @Override public String toString() {
            return "kernel (" + kernelH + ", " + kernelW + "), stride (" + strideH + ", " + strideW + "), padding (" + padH
                    + ", " + padW + "), dilation (" + dilationH + ", " + dilationW + ")" + (ceilMode ? ", ceil mode" : "");
        }
    }

    /** PyTorch's max_pool2d with stride = kernel: [N, C, H, W] to [N, C, H/k, W/k] (rounded down). */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, Window.of(kernel, kernel, 0));
    }

    /** PyTorch's max_pool2d: [N, C, H, W] to [N, C, floor((H + 2p - k)/s) + 1, same for W]. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, Window.of(kernel, stride, padding));
    }

    /**
     * PyTorch's max_pool2d with any window; padding counts as -infinity and the gradient goes to where each max
     * came from (the first in row-major order on ties, as PyTorch). NaN propagates.
     */
    public static Tensor maxPool2d(Tensor x, Window window) {
        return Pooling.maxPool2d(x, window);
    }

    /** PyTorch's avg_pool2d with its defaults (padding counts in the divisor): [N, C, H, W] to [N, C, H', W']. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, Window.of(kernel, stride, padding), true);
    }

    /** PyTorch's avg_pool2d: the divisor counts the padding when countIncludePad, else only the pixels inside. */
    public static Tensor avgPool2d(Tensor x, Window window, boolean countIncludePad) {
        return Pooling.avgPool2d(x, window, countIncludePad);
    }

    /** PyTorch's adaptive_avg_pool2d: [N, C, H, W] to [N, C, outH, outW], window i = [floor(iH/out), ceil((i+1)H/out)). */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return Pooling.adaptiveAvgPool2d(x, outH, outW);
    }

    /** Global average pooling: [N, C, H, W] to [N, C, 1, 1], the mean of each channel's plane. */
    public static Tensor globalAvgPool(Tensor x) {
        return Pooling.adaptiveAvgPool2d(x, 1, 1);
    }

    /**
     * PyTorch's batch_norm on [N, C, H, W] (weight, bias and running statistics [C]; weight and bias may be
     * null): in training the batch mean and biased variance over N, H, W normalize and the running statistics
     * move in place, {@code r = (1 - momentum) r + momentum s}, toward the mean and the unbiased variance; in
     * evaluation the running statistics normalize.
     */
    public static Tensor batchNorm2d(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                     boolean training, float momentum, float eps) {
        if (x.rank() != 4) throw new IllegalArgumentException("batchNorm2d: expected input [N, C, H, W]; got " + x.shape());
        return Normalization.batchNorm("batchNorm2d", x, weight, bias, runningMean, runningVar, training, momentum, eps);
    }

    /**
     * PyTorch's local_response_norm (AlexNet's) on [N, C, ...]:
     * b_c = a_c / (k + alpha/size * sum of a^2 over channels [c - size/2, c + (size-1)/2])^beta.
     */
    public static Tensor localResponseNorm(Tensor x, int size, float alpha, float beta, float k) {
        return Normalization.localResponseNorm(x, size, alpha, beta, k);
    }

    /** PyTorch's interpolate(mode='nearest', scale_factor): [N, C, H, W] to [N, C, floor(H s), floor(W s)]. */
    public static Tensor upsampleNearest(Tensor x, double scaleFactor) {
        checkRank("upsampleNearest", x);
        return Resampling.nearest(x, Resampling.Axis.byScale("upsampleNearest", x.shape(), 2, scaleFactor),
                Resampling.Axis.byScale("upsampleNearest", x.shape(), 3, scaleFactor));
    }

    /** PyTorch's interpolate(mode='nearest', size): [N, C, H, W] to [N, C, outH, outW]. */
    public static Tensor upsampleNearest(Tensor x, int outH, int outW) {
        checkRank("upsampleNearest", x);
        return Resampling.nearest(x, Resampling.Axis.bySize(x.shape(), 2, outH), Resampling.Axis.bySize(x.shape(), 3, outW));
    }

    /** PyTorch's interpolate(mode='bilinear', align_corners=False, scale_factor): [N, C, H, W] to [N, C, floor(H s), floor(W s)]. */
    public static Tensor upsampleBilinear(Tensor x, double scaleFactor) {
        checkRank("upsampleBilinear", x);
        return Resampling.bilinear(x, Resampling.Axis.byScale("upsampleBilinear", x.shape(), 2, scaleFactor),
                Resampling.Axis.byScale("upsampleBilinear", x.shape(), 3, scaleFactor));
    }

    /** PyTorch's interpolate(mode='bilinear', align_corners=False, size): [N, C, H, W] to [N, C, outH, outW]. */
    public static Tensor upsampleBilinear(Tensor x, int outH, int outW) {
        checkRank("upsampleBilinear", x);
        return Resampling.bilinear(x, Resampling.Axis.bySize(x.shape(), 2, outH), Resampling.Axis.bySize(x.shape(), 3, outW));
    }

    /**
     * PyTorch's interpolate(mode='bilinear', size, align_corners): with {@code alignCorners} the corner pixels of input
     * and output coincide and the ratio is (in - 1) / (out - 1).
     */
    public static Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        if (!alignCorners) return upsampleBilinear(x, outH, outW);
        checkRank("upsampleBilinear", x);
        return Resampling.bilinear(x, Resampling.Axis.bySize(x.shape(), 2, outH).alignedCorners(),
                Resampling.Axis.bySize(x.shape(), 3, outW).alignedCorners());
    }

    /** PyTorch's interpolate(mode='bilinear', scale_factor, align_corners): the output floor(H s) x floor(W s). */
    public static Tensor upsampleBilinear(Tensor x, double scaleFactor, boolean alignCorners) {
        if (!alignCorners) return upsampleBilinear(x, scaleFactor);
        checkRank("upsampleBilinear", x);
        return Resampling.bilinear(x, Resampling.Axis.byScale("upsampleBilinear", x.shape(), 2, scaleFactor).alignedCorners(),
                Resampling.Axis.byScale("upsampleBilinear", x.shape(), 3, scaleFactor).alignedCorners());
    }

    private static void checkRank(String op, Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(op + ": expected input [N, C, H, W]; got " + x.shape());
    }
}
