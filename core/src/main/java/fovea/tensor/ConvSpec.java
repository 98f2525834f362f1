package fovea.tensor;

/**
 * Settings of a 2-d convolution, PyTorch's conv2d arguments: stride, zero padding and dilation for height and
 * width, and the number of groups the channels are split into.
 * <pre>{@code
 * Conv.conv2d(x, weight, bias, ConvSpec.defaults().withStride(2).withPadding(1));
 * }</pre>
 */
public record ConvSpec(int strideH, int strideW, int paddingH, int paddingW, int dilationH, int dilationW, int groups) {
    public ConvSpec {
        if (strideH < 1 || strideW < 1 || paddingH < 0 || paddingW < 0 || dilationH < 1 || dilationW < 1 || groups < 1) {
            throw new IllegalArgumentException("conv2d: expected stride >= 1, padding >= 0, dilation >= 1 and groups >= 1; got "
                    + describe(strideH, strideW, paddingH, paddingW, dilationH, dilationW, groups));
        }
    }

    /** Stride 1, no padding, dilation 1, one group. */
    public static ConvSpec defaults() {
        return new ConvSpec(1, 1, 0, 0, 1, 1, 1);
    }

    /** The same stride and padding on both sides, dilation 1, one group. */
    public static ConvSpec of(int stride, int padding) {
        return new ConvSpec(stride, stride, padding, padding, 1, 1, 1);
    }

    /** These settings with the same stride along height and width. */
    public ConvSpec withStride(int value) {
        return withStride(value, value);
    }

    /** These settings with strides for height and width. */
    public ConvSpec withStride(int h, int w) {
        return new ConvSpec(h, w, paddingH, paddingW, dilationH, dilationW, groups);
    }

    /** These settings with the same padding along height and width. */
    public ConvSpec withPadding(int value) {
        return withPadding(value, value);
    }

    /** These settings with paddings for height and width (added on both sides). */
    public ConvSpec withPadding(int h, int w) {
        return new ConvSpec(strideH, strideW, h, w, dilationH, dilationW, groups);
    }

    /** These settings with the same dilation along height and width. */
    public ConvSpec withDilation(int value) {
        return withDilation(value, value);
    }

    /** These settings with dilations for height and width. */
    public ConvSpec withDilation(int h, int w) {
        return new ConvSpec(strideH, strideW, paddingH, paddingW, h, w, groups);
    }

    /** These settings with another number of groups. */
    public ConvSpec withGroups(int value) {
        return new ConvSpec(strideH, strideW, paddingH, paddingW, dilationH, dilationW, value);
    }

    @Override public String toString() {
        return describe(strideH, strideW, paddingH, paddingW, dilationH, dilationW, groups);
    }

    static String describe(int strideH, int strideW, int paddingH, int paddingW, int dilationH, int dilationW, int groups) {
        return "stride=(" + strideH + ", " + strideW + "), padding=(" + paddingH + ", " + paddingW + "), dilation=("
                + dilationH + ", " + dilationW + "), groups=" + groups;
    }
}
