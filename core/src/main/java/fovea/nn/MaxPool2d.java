package fovea.nn;

import fovea.tensor.Images;
import fovea.tensor.Tensor;

/**
 * 2-d max pooling of [N, C, H, W] to [N, C, floor((H + 2p - k)/s) + 1, same for W] (ceil instead of floor in ceil
 * mode, where a last window may hang over the bottom and right edges), as PyTorch's nn.MaxPool2d.
 */
public final class MaxPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final boolean ceilMode;
    private final Images.Window window;

    /** Stride equal to the kernel, no padding (PyTorch's defaults). */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** A square kernelSize window moved by stride, with padding (at most kernelSize/2) of -infinity on each side. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, false);
    }

    /**
     * As {@link #MaxPool2d(int, int, int)}, and in ceil mode when {@code ceilMode}: the output size rounds up, so
     * the last window may reach past the input (torchvision's GoogLeNet pools this way).
     */
    public MaxPool2d(int kernelSize, int stride, int padding, boolean ceilMode) {
        if (kernelSize < 1 || stride < 1 || padding < 0 || padding > kernelSize / 2) {
            throw new IllegalArgumentException("MaxPool2d: expected kernelSize, stride >= 1 and padding in [0, kernelSize/2]; got "
                    + kernelSize + ", " + stride + ", " + padding);
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.window = Images.Window.of(kernelSize, stride, padding).withCeilMode(ceilMode);
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(this + ": expected input [N, C, H, W]; got " + x.shape());
        return Images.maxPool2d(x, window);
    }

    @Override public String toString() {
        return "MaxPool2d(kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding
                + ", dilation=1, ceil_mode=" + (ceilMode ? "True" : "False") + ")";
    }
}
