package fovea.tensor;

import fovea.kernel.ConvGemm;
import fovea.kernel.ConvGeometry;
import fovea.kernel.Loops;

/**
 * conv2d and conv_transpose2d as single graph nodes, lowered onto the GEMM by {@link ConvGemm}. A convolution
 * and its transpose are the same three products with the roles swapped: what is one's forward pass is the
 * other's input gradient, and both share the weight-gradient product.
 */
final class Convolution {
    private Convolution() {}

    /**
     * y[n, k] = bias[k] + sum over the group's channels c and taps (i, j) of weight[k, c, i, j] x[n, c, h, w]; the
     * derivatives are dx = weightᵀ ⊛ g (col2im), dweight = g ⊛ x summed over images, dbias = sums of g per channel.
     */
    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, ConvSpec spec) {
        String problem = conv2dProblem(x, weight, bias, spec);
        if (problem != null) {
            throw new IllegalArgumentException("conv2d: " + problem + "; got input " + x.shape() + ", weight "
                    + weight.shape() + ", bias " + (bias == null ? "none" : bias.shape()) + " with " + spec);
        }
        int images = x.size(0);
        int outChannels = weight.size(0);
        ConvGeometry geometry = ConvGeometry.of(x.size(1), x.size(2), x.size(3), weight.size(2), weight.size(3),
                spec.strideH(), spec.strideW(), spec.paddingH(), spec.paddingW(), spec.dilationH(), spec.dilationW());
        ConvGemm.Problem lowered = new ConvGemm.Problem(geometry, images, outChannels, spec.groups());
        int plane = geometry.outputPlane();
        float[] out = new float[images * outChannels * plane];
        if (bias != null) fillPlanes(out, bias.data, images, plane);
        ConvGemm.forward(lowered, weight.data, x.data, out);
        Shape shape = Shape.of(images, outChannels, geometry.outH(), geometry.outW());
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.derived("conv2d", out, shape, inputs, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            if (x.requiresGrad()) {
                float[] dx = new float[x.numel()];
                ConvGemm.backwardData(lowered, weight.data, g.data, dx);
                grads[0] = new Tensor(dx, x.shape());
            }
            if (weight.requiresGrad()) {
                float[] dw = new float[weight.numel()];
                ConvGemm.backwardWeight(lowered, g.data, x.data, dw);
                grads[1] = new Tensor(dw, weight.shape());
            }
            if (bias != null && bias.requiresGrad()) grads[2] = planeSums(g.data, images, outChannels, plane);
            return grads;
        }, true);
    }

    /**
     * The adjoint of conv2d in x: each input value spreads weight[c, k, i, j] x[n, c, h, w] over the output, so
     * y = weightᵀ ⊛ x (col2im) + bias; dx = weight ⊛ g (conv2d of g), dweight = x ⊛ g, dbias = sums of g.
     */
    static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, ConvTransposeSpec spec) {
        String problem = convTransposeProblem(x, weight, bias, spec);
        if (problem != null) {
            throw new IllegalArgumentException("conv_transpose2d: " + problem + "; got input " + x.shape() + ", weight "
                    + weight.shape() + ", bias " + (bias == null ? "none" : bias.shape()) + " with " + spec);
        }
        int images = x.size(0);
        int inChannels = x.size(1);
        int outChannels = weight.size(1) * spec.groups();
        int outH = transposedSize(x.size(2), weight.size(2), spec.strideH(), spec.paddingH(), spec.dilationH(), spec.outputPaddingH());
        int outW = transposedSize(x.size(3), weight.size(3), spec.strideW(), spec.paddingW(), spec.dilationW(), spec.outputPaddingW());
        // the image side of the lowering is this op's output; its "output positions" are this op's input pixels
        ConvGeometry geometry = new ConvGeometry(outChannels, outH, outW, weight.size(2), weight.size(3),
                spec.strideH(), spec.strideW(), spec.paddingH(), spec.paddingW(), spec.dilationH(), spec.dilationW(),
                x.size(2), x.size(3));
        ConvGemm.Problem lowered = new ConvGemm.Problem(geometry, images, inChannels, spec.groups());
        int plane = outH * outW;
        float[] out = new float[images * outChannels * plane];
        ConvGemm.backwardData(lowered, weight.data, x.data, out);
        if (bias != null) addPlanes(out, bias.data, images, plane);
        Shape shape = Shape.of(images, outChannels, outH, outW);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.derived("conv_transpose2d", out, shape, inputs, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            if (x.requiresGrad()) {
                float[] dx = new float[x.numel()];
                ConvGemm.forward(lowered, weight.data, g.data, dx);
                grads[0] = new Tensor(dx, x.shape());
            }
            if (weight.requiresGrad()) {
                float[] dw = new float[weight.numel()];
                ConvGemm.backwardWeight(lowered, x.data, g.data, dw);
                grads[1] = new Tensor(dw, weight.shape());
            }
            if (bias != null && bias.requiresGrad()) grads[2] = planeSums(g.data, images, outChannels, plane);
            return grads;
        });
    }

    /** PyTorch's output size of a transposed convolution: (in - 1) stride - 2 pad + dilation (kernel - 1) + outputPadding + 1. */
    static int transposedSize(int size, int kernel, int stride, int pad, int dilation, int outputPadding) {
        return (size - 1) * stride - 2 * pad + dilation * (kernel - 1) + outputPadding + 1;
    }

    /** What is wrong with conv2d's arguments, or null when they fit. */
    private static String conv2dProblem(Tensor x, Tensor weight, Tensor bias, ConvSpec spec) {
        if (spec == null) return "spec must not be null";
        if (x.rank() != 4 || weight.rank() != 4) return "expected input [N, C, H, W] and weight [K, C/groups, kh, kw]";
        if (x.size(1) < 1 || x.size(2) < 1 || x.size(3) < 1 || weight.size(0) < 1 || weight.numel() == 0) {
            return "expected channels, height, width, filters and kernel sizes >= 1";
        }
        int groups = spec.groups();
        if (x.size(1) % groups != 0 || weight.size(0) % groups != 0) {
            return "input channels " + x.size(1) + " and filters " + weight.size(0) + " must be divisible by groups " + groups;
        }
        if (weight.size(1) != x.size(1) / groups) {
            return "weight expects " + weight.size(1) * groups + " input channels (" + weight.size(1) + " per group of "
                    + groups + "), the input has " + x.size(1);
        }
        if (bias != null && (bias.rank() != 1 || bias.size(0) != weight.size(0))) {
            return "expected bias [" + weight.size(0) + "], one per filter";
        }
        int outH = ConvGeometry.outputSize(x.size(2), weight.size(2), spec.strideH(), spec.paddingH(), spec.dilationH());
        int outW = ConvGeometry.outputSize(x.size(3), weight.size(3), spec.strideW(), spec.paddingW(), spec.dilationW());
        if (outH < 1 || outW < 1) {
            return "the kernel does not fit the padded input: output size " + outH + "x" + outW
                    + " from (size + 2 padding - dilation (kernel - 1) - 1) / stride + 1";
        }
        return null;
    }

    /** What is wrong with conv_transpose2d's arguments, or null when they fit. */
    private static String convTransposeProblem(Tensor x, Tensor weight, Tensor bias, ConvTransposeSpec spec) {
        if (spec == null) return "spec must not be null";
        if (x.rank() != 4 || weight.rank() != 4) return "expected input [N, C, H, W] and weight [C, K/groups, kh, kw]";
        if (x.size(1) < 1 || x.size(2) < 1 || x.size(3) < 1 || weight.numel() == 0) {
            return "expected channels, height, width, filters and kernel sizes >= 1";
        }
        int groups = spec.groups();
        if (x.size(1) % groups != 0) return "input channels " + x.size(1) + " must be divisible by groups " + groups;
        if (weight.size(0) != x.size(1)) {
            return "weight expects " + weight.size(0) + " input channels, the input has " + x.size(1);
        }
        int outChannels = weight.size(1) * groups;
        if (bias != null && (bias.rank() != 1 || bias.size(0) != outChannels)) {
            return "expected bias [" + outChannels + "], one per output channel";
        }
        int outH = transposedSize(x.size(2), weight.size(2), spec.strideH(), spec.paddingH(), spec.dilationH(), spec.outputPaddingH());
        int outW = transposedSize(x.size(3), weight.size(3), spec.strideW(), spec.paddingW(), spec.dilationW(), spec.outputPaddingW());
        if (outH < 1 || outW < 1) {
            return "the padding removes the whole output: output size " + outH + "x" + outW
                    + " from (size - 1) stride - 2 padding + dilation (kernel - 1) + output padding + 1";
        }
        return null;
    }

    /** out[n, k, :] = bias[k] for every image. */
    private static void fillPlanes(float[] out, float[] bias, int images, int plane) {
        for (int n = 0, index = 0; n < images; n++) {
            for (float b : bias) {
                java.util.Arrays.fill(out, index, index + plane, b);
                index += plane;
            }
        }
    }

    /** out[n, k, :] += bias[k] for every image. */
    private static void addPlanes(float[] out, float[] bias, int images, int plane) {
        for (int n = 0, index = 0; n < images; n++) {
            for (float b : bias) {
                for (int end = index + plane; index < end; index++) out[index] += b;
            }
        }
    }

    /** The sum of each channel's planes over all images: the bias gradient, [channels]. */
    private static Tensor planeSums(float[] g, int images, int channels, int plane) {
        double[] sums = new double[channels];
        for (int n = 0; n < images; n++) {
            for (int k = 0; k < channels; k++) sums[k] += Loops.sum(g, (n * channels + k) * plane, plane);
        }
        float[] out = new float[channels];
        for (int k = 0; k < channels; k++) out[k] = (float) sums[k];
        return new Tensor(out, Shape.of(channels));
    }
}
