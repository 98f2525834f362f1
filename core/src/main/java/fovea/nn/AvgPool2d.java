package fovea.nn;

import fovea.tensor.Images;
import fovea.tensor.Tensor;

/**
 * 2-d average pooling of [N, C, H, W] to [N, C, floor((H + 2p - k)/s) + 1, same for W], as PyTorch's nn.AvgPool2d
 * with its defaults: the zero padding counts in the divisor.
 */
public final class AvgPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final Images.Window window;

    /** Stride equal to the kernel, no padding (PyTorch's defaults). */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** A square kernelSize window moved by stride, with zero padding (at most kernelSize/2) on each side. */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        if (kernelSize < 1 || stride < 1 || padding < 0 || padding > kernelSize / 2) {
            throw new IllegalArgumentException("AvgPool2d: expected kernelSize, stride >= 1 and padding in [0, kernelSize/2]; got "
                    + kernelSize + ", " + stride + ", " + padding);
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.window = Images.Window.of(kernelSize, stride, padding);
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(this + ": expected input [N, C, H, W]; got " + x.shape());
        return Images.avgPool2d(x, window, true);
    }

    @Override public String toString() {
        return "AvgPool2d(kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
