package fovea.nn;

import fovea.tensor.Images;
import fovea.tensor.Tensor;

/** Average pooling of [N, C, H, W] to a fixed [N, C, outputHeight, outputWidth], as PyTorch's nn.AdaptiveAvgPool2d. */
public final class AdaptiveAvgPool2d extends Module {
    private final int outputHeight;
    private final int outputWidth;
    private final boolean square;

    /** A square output, outputSize x outputSize (1: global average pooling). */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize, true);
    }

    /** An outputHeight x outputWidth output. */
    public AdaptiveAvgPool2d(int outputHeight, int outputWidth) {
        this(outputHeight, outputWidth, false);
    }

    private AdaptiveAvgPool2d(int outputHeight, int outputWidth, boolean square) {
        if (outputHeight < 1 || outputWidth < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: expected an output size >= 1; got " + outputHeight
                    + "x" + outputWidth);
        }
        this.outputHeight = outputHeight;
        this.outputWidth = outputWidth;
        this.square = square;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(this + ": expected input [N, C, H, W]; got " + x.shape());
        return Images.adaptiveAvgPool2d(x, outputHeight, outputWidth);
    }

    @Override public String toString() {
        return "AdaptiveAvgPool2d(output_size=" + (square ? "" + outputHeight : "(" + outputHeight + ", " + outputWidth + ")") + ")";
    }
}
