package fovea.nn;

import fovea.tensor.Conv;
import fovea.tensor.ConvTransposeSpec;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * 2-d transposed convolution (the "deconvolution" of upsampling networks), PyTorch's nn.ConvTranspose2d:
 * weight [inChannels, outChannels / groups, kernelSize, kernelSize] and bias [outChannels], both
 * U(-1/√fanIn, 1/√fanIn) at start with PyTorch's fanIn of that weight, outChannels / groups * kernelSize².
 */
public final class ConvTranspose2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final Config config;
    private final Tensor weight;
    private final Tensor bias;

    /** The layer's settings, PyTorch's ConvTranspose2d arguments after the channel counts; square sizes. */
    public record Config(int kernelSize, int stride, int padding, int outputPadding, int dilation, int groups, boolean bias) {
        public Config {
            if (kernelSize < 1 || stride < 1 || padding < 0 || outputPadding < 0 || dilation < 1 || groups < 1) {
                throw new IllegalArgumentException("ConvTranspose2d: expected kernelSize, stride, dilation and groups >= 1 "
                        + "and paddings >= 0; got kernelSize=" + kernelSize + ", stride=" + stride + ", padding=" + padding
                        + ", outputPadding=" + outputPadding + ", dilation=" + dilation + ", groups=" + groups);
            }
            if (outputPadding >= Math.max(stride, dilation)) {
                throw new IllegalArgumentException("ConvTranspose2d: outputPadding must be smaller than the stride or the "
                        + "dilation; got outputPadding=" + outputPadding + ", stride=" + stride + ", dilation=" + dilation);
            }
        }

        /** A kernelSize x kernelSize kernel at stride 1, no padding, dilation 1, one group, with a bias. */
        public static Config of(int kernelSize) {
            return new Config(kernelSize, 1, 0, 0, 1, 1, true);
        }

        /** These settings with another stride. */
        public Config withStride(int value) {
            return new Config(kernelSize, value, padding, outputPadding, dilation, groups, bias);
        }

        /** These settings with another padding (removed from each side of the output). */
        public Config withPadding(int value) {
            return new Config(kernelSize, stride, value, outputPadding, dilation, groups, bias);
        }

        /** These settings with another output padding (added to the bottom and right of the output). */
        public Config withOutputPadding(int value) {
            return new Config(kernelSize, stride, padding, value, dilation, groups, bias);
        }

        /** These settings with another dilation. */
        public Config withDilation(int value) {
            return new Config(kernelSize, stride, padding, outputPadding, value, groups, bias);
        }

        /** These settings with another number of groups. */
        public Config withGroups(int value) {
            return new Config(kernelSize, stride, padding, outputPadding, dilation, value, bias);
        }

        /** These settings with or without a bias. */
        public Config withBias(boolean value) {
            return new Config(kernelSize, stride, padding, outputPadding, dilation, groups, value);
        }
    }

    /** A layer with the given settings, its parameters drawn from {@code random}. */
    public ConvTranspose2d(int inChannels, int outChannels, Config config, RandomGenerator random) {
        if (inChannels < 1 || outChannels < 1 || config == null
                || inChannels % config.groups() != 0 || outChannels % config.groups() != 0) {
            throw new IllegalArgumentException("ConvTranspose2d: expected channels >= 1 that groups divides; got inChannels="
                    + inChannels + ", outChannels=" + outChannels + ", groups=" + (config == null ? "no config" : config.groups()));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.config = config;
        int k = config.kernelSize();
        int[] dims = {inChannels, outChannels / config.groups(), k, k};
        // PyTorch computes the fan from the stored weight, whose dim 1 is outChannels / groups here
        float bound = (float) (1 / Math.sqrt(Init.fanIn(dims)));
        weight = parameter("weight", Init.uniform(random, -bound, bound, dims));
        bias = config.bias() ? parameter("bias", Init.uniform(random, -bound, bound, outChannels)) : null;
    }

    /** A layer with a bias, no output padding, dilation 1 and one group. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, RandomGenerator random) {
        this(inChannels, outChannels, Config.of(kernelSize).withStride(stride).withPadding(padding), random);
    }

    /** The weight [inChannels, outChannels / groups, kernelSize, kernelSize]. */
    public Tensor weight() {
        return weight;
    }

    /** The bias [outChannels], or null. */
    public Tensor bias() {
        return bias;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** The number of input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** The number of output channels. */
    public int outChannels() {
        return outChannels;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() == 3 && x.size(0) == inChannels) return forward(x.unsqueeze(0)).squeeze(0);
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException(this + ": expected input [N, " + inChannels + ", H, W] or ["
                    + inChannels + ", H, W]; got " + x.shape());
        }
        ConvTransposeSpec spec = new ConvTransposeSpec(config.stride(), config.stride(), config.padding(), config.padding(),
                config.outputPadding(), config.outputPadding(), config.dilation(), config.dilation(), config.groups());
        return Conv.convTranspose2d(x, weight, bias, spec);
    }

    /** PyTorch's form, Java-cased: {@code ConvTranspose2d(16, 8, kernelSize=3, stride=2, padding=1, outputPadding=1)}. */
    @Override public String toString() {
        StringBuilder text = new StringBuilder("ConvTranspose2d(").append(inChannels).append(", ").append(outChannels)
                .append(", kernelSize=").append(config.kernelSize()).append(", stride=").append(config.stride());
        if (config.padding() != 0) text.append(", padding=").append(config.padding());
        if (config.outputPadding() != 0) text.append(", outputPadding=").append(config.outputPadding());
        if (config.dilation() != 1) text.append(", dilation=").append(config.dilation());
        if (config.groups() != 1) text.append(", groups=").append(config.groups());
        if (!config.bias()) text.append(", bias=false");
        return text.append(')').toString();
    }
}
