package fovea.tensor;

/**
 * Convolutions of images laid out [N, C, H, W] as PyTorch's F.conv2d and F.conv_transpose2d; each is one graph
 * node with a hand-written backward, lowered onto the multi-threaded GEMM.
 * <pre>{@code
 * Tensor y = Conv.conv2d(x, weight, bias, ConvSpec.of(1, 1));   // x [64, 32, 28, 28], weight [64, 32, 3, 3]
 * }</pre>
 */
public final class Conv {
    private Conv() {}

    /**
     * The 2-d convolution (PyTorch's cross-correlation): x [N, C, H, W], weight [K, C/groups, kh, kw], bias [K]
     * or null; the result is [N, K, outH, outW] with outH = (H + 2 padding - dilation (kh - 1) - 1) / stride + 1.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, ConvSpec spec) {
        return Convolution.conv2d(x, weight, bias, spec);
    }

    /** The 2-d convolution at stride 1 without padding. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return Convolution.conv2d(x, weight, bias, ConvSpec.defaults());
    }

    /**
     * The 2-d transposed convolution (the gradient of conv2d with respect to its input): x [N, C, H, W], weight
     * [C, K/groups, kh, kw], bias [K] or null; the result is [N, K, outH, outW] with
     * outH = (H - 1) stride - 2 padding + dilation (kh - 1) + outputPadding + 1.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, ConvTransposeSpec spec) {
        return Convolution.convTranspose2d(x, weight, bias, spec);
    }

    /** The 2-d transposed convolution at stride 1 without padding. */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias) {
        return Convolution.convTranspose2d(x, weight, bias, ConvTransposeSpec.defaults());
    }
}
