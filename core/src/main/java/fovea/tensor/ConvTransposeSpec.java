package fovea.tensor;

/**
 * Settings of a 2-d transposed convolution, PyTorch's conv_transpose2d arguments: stride, padding (removed
 * from the output), output padding (added to one side of the output), dilation for height and width, and
 * groups. As in PyTorch, an output padding must be smaller than the stride or the dilation along its dim.
 */
public record ConvTransposeSpec(int strideH, int strideW, int paddingH, int paddingW, int outputPaddingH,
                                int outputPaddingW, int dilationH, int dilationW, int groups) {
    public ConvTransposeSpec {
        if (strideH < 1 || strideW < 1 || paddingH < 0 || paddingW < 0 || outputPaddingH < 0 || outputPaddingW < 0
                || dilationH < 1 || dilationW < 1 || groups < 1) {
            throw new IllegalArgumentException("conv_transpose2d: expected stride >= 1, padding >= 0, "
                    + "output padding >= 0, dilation >= 1 and groups >= 1; got " + describe(strideH, strideW, paddingH,
                    paddingW, outputPaddingH, outputPaddingW, dilationH, dilationW, groups));
        }
        if (outputPaddingH >= Math.max(strideH, dilationH) || outputPaddingW >= Math.max(strideW, dilationW)) {
            throw new IllegalArgumentException("conv_transpose2d: output padding must be smaller than the stride or "
                    + "the dilation; got " + describe(strideH, strideW, paddingH, paddingW, outputPaddingH,
                    outputPaddingW, dilationH, dilationW, groups));
        }
    }

    /** Stride 1, no padding, no output padding, dilation 1, one group. */
    public static ConvTransposeSpec defaults() {
        return new ConvTransposeSpec(1, 1, 0, 0, 0, 0, 1, 1, 1);
    }

    /** The same stride, padding and output padding along height and width, dilation 1, one group. */
    public static ConvTransposeSpec of(int stride, int padding, int outputPadding) {
        return new ConvTransposeSpec(stride, stride, padding, padding, outputPadding, outputPadding, 1, 1, 1);
    }

    /** These settings with the same stride along height and width. */
    public ConvTransposeSpec withStride(int value) {
        return withStride(value, value);
    }

    /** These settings with strides for height and width. */
    public ConvTransposeSpec withStride(int h, int w) {
        return new ConvTransposeSpec(h, w, paddingH, paddingW, outputPaddingH, outputPaddingW, dilationH, dilationW, groups);
    }

    /** These settings with the same padding along height and width. */
    public ConvTransposeSpec withPadding(int value) {
        return withPadding(value, value);
    }

    /** These settings with paddings for height and width. */
    public ConvTransposeSpec withPadding(int h, int w) {
        return new ConvTransposeSpec(strideH, strideW, h, w, outputPaddingH, outputPaddingW, dilationH, dilationW, groups);
    }

    /** These settings with the same output padding along height and width. */
    public ConvTransposeSpec withOutputPadding(int value) {
        return withOutputPadding(value, value);
    }

    /** These settings with output paddings for height and width. */
    public ConvTransposeSpec withOutputPadding(int h, int w) {
        return new ConvTransposeSpec(strideH, strideW, paddingH, paddingW, h, w, dilationH, dilationW, groups);
    }

    /** These settings with the same dilation along height and width. */
    public ConvTransposeSpec withDilation(int value) {
        return withDilation(value, value);
    }

    /** These settings with dilations for height and width. */
    public ConvTransposeSpec withDilation(int h, int w) {
        return new ConvTransposeSpec(strideH, strideW, paddingH, paddingW, outputPaddingH, outputPaddingW, h, w, groups);
    }

    /** These settings with another number of groups. */
    public ConvTransposeSpec withGroups(int value) {
        return new ConvTransposeSpec(strideH, strideW, paddingH, paddingW, outputPaddingH, outputPaddingW,
                dilationH, dilationW, value);
    }

    @Override public String toString() {
        return describe(strideH, strideW, paddingH, paddingW, outputPaddingH, outputPaddingW, dilationH, dilationW, groups);
    }

    private static String describe(int strideH, int strideW, int paddingH, int paddingW, int outputPaddingH,
                                   int outputPaddingW, int dilationH, int dilationW, int groups) {
        return "stride=(" + strideH + ", " + strideW + "), padding=(" + paddingH + ", " + paddingW
                + "), outputPadding=(" + outputPaddingH + ", " + outputPaddingW + "), dilation=(" + dilationH + ", "
                + dilationW + "), groups=" + groups;
    }
}
