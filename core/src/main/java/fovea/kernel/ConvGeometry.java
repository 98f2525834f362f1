package fovea.kernel;

/**
 * The geometry of one convolution seen from its image side: an image of {@code channels} planes of
 * height x width, a kernel of kernelH x kernelW taps spaced by the dilation, moved by the stride over the image
 * padded with zeros, giving outH x outW positions. Both convolution and its transpose are lowered with it.
 *
 * <p>The output may stop short of the largest size that fits: a transposed convolution with an output
 * padding of at least the stride has image rows that no input position reaches.
 */
public record ConvGeometry(int channels, int height, int width, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
                           int outH, int outW) {
    public ConvGeometry {
        if (channels < 1 || height < 1 || width < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1
                || padH < 0 || padW < 0 || dilationH < 1 || dilationW < 1 || outH < 1 || outW < 1
                || outH > outputSize(height, kernelH, strideH, padH, dilationH)
                || outW > outputSize(width, kernelW, strideW, padW, dilationW)) {
            throw new IllegalArgumentException("ConvGeometry: inconsistent sizes; got image " + channels + "x" + height
                    + "x" + width + ", kernel " + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW
                    + ", padding " + padH + "x" + padW + ", dilation " + dilationH + "x" + dilationW + ", output "
                    + outH + "x" + outW);
        }
    }

    /** The geometry whose output size follows from the others. */
    public static ConvGeometry of(int channels, int height, int width, int kernelH, int kernelW, int strideH,
                                  int strideW, int padH, int padW, int dilationH, int dilationW) {
        return new ConvGeometry(channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, outputSize(height, kernelH, strideH, padH, dilationH),
                outputSize(width, kernelW, strideW, padW, dilationW));
    }

    /** floor((size + 2 pad - dilation (kernel - 1) - 1) / stride) + 1; below 1 when the kernel does not fit. */
    public static int outputSize(int size, int kernel, int stride, int pad, int dilation) {
        return Math.floorDiv(size + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** The same geometry for another number of channels (one group's share). */
    public ConvGeometry withChannels(int value) {
        return new ConvGeometry(value, height, width, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, outH, outW);
    }

    /** Rows of the column matrix: channels * kernelH * kernelW. */
    public int columnRows() {
        return channels * kernelH * kernelW;
    }

    /** Elements of one image: channels * height * width. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Output positions per channel: outH * outW. */
    public int outputPlane() {
        return outH * outW;
    }

    /** True when the column matrix is the image itself: a 1x1 kernel at stride 1 without padding. */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }
}
