package fovea.nn;

import fovea.tensor.Conv;
import fovea.tensor.ConvSpec;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * 2-d convolution over images [N, inChannels, H, W] (or one image [inChannels, H, W]), PyTorch's nn.Conv2d:
 * weight [outChannels, inChannels / groups, kernelSize, kernelSize] and bias [outChannels], both
 * U(-1/√fanIn, 1/√fanIn) at start with fanIn = inChannels / groups * kernelSize² (PyTorch's default).
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final Config config;
    private final Tensor weight;
    private final Tensor bias;

    /** Zero padding on each side: a size, or PyTorch's "same" (the output keeps the input's size; stride 1 only). */
    public record Padding(int size, boolean same) {
        /** PyTorch's padding="same": dilation (kernelSize - 1) zeros in all, the odd one on the bottom and right. */
        public static final Padding SAME = new Padding(0, true);

        public Padding {
            if (size < 0 || (same && size != 0)) {
                throw new IllegalArgumentException("Conv2d: padding must be >= 0; got " + size);
            }
        }

        /** {@code size} zeros on each side. */
        public static Padding of(int size) {
            return new Padding(size, false);
        }

        /** "same", "valid" (no padding) or a whole number, as PyTorch's padding argument. */
        public static Padding parse(String text) {
            if ("same".equals(text)) return SAME;
            if ("valid".equals(text)) return of(0);
            if (text != null && text.matches("\\d{1,6}")) return of(Integer.parseInt(text));
            throw new IllegalArgumentException("Conv2d: padding must be a number >= 0, \"same\" or \"valid\"; got \""
                    + text + "\"");
        }

        @Override public String toString() {
            return same ? "same" : Integer.toString(size);
        }
    }

    /** The layer's settings, PyTorch's Conv2d arguments after the channel counts; square kernels, strides and dilations. */
    public record Config(int kernelSize, int stride, Padding padding, int dilation, int groups, boolean bias) {
        public Config {
            if (kernelSize < 1 || stride < 1 || dilation < 1 || groups < 1 || padding == null) {
                throw new IllegalArgumentException("Conv2d: expected kernelSize, stride, dilation and groups >= 1 and a "
                        + "padding; got kernelSize=" + kernelSize + ", stride=" + stride + ", padding=" + padding
                        + ", dilation=" + dilation + ", groups=" + groups);
            }
            if (padding.same() && stride != 1) {
                throw new IllegalArgumentException("Conv2d: padding \"same\" needs stride 1, as in PyTorch; got stride=" + stride);
            }
        }

        /** Settings with a padding size. */
        public Config(int kernelSize, int stride, int padding, int dilation, int groups, boolean bias) {
            this(kernelSize, stride, Padding.of(padding), dilation, groups, bias);
        }

        /** A kernelSize x kernelSize kernel at stride 1, no padding, dilation 1, one group, with a bias. */
        public static Config of(int kernelSize) {
            return new Config(kernelSize, 1, Padding.of(0), 1, 1, true);
        }

        /** These settings with another stride. */
        public Config withStride(int value) {
            return new Config(kernelSize, value, padding, dilation, groups, bias);
        }

        /** These settings with {@code value} zeros of padding on each side. */
        public Config withPadding(int value) {
            return withPadding(Padding.of(value));
        }

        /** These settings with padding "same", "valid" or a number. */
        public Config withPadding(String value) {
            return withPadding(Padding.parse(value));
        }

        /** These settings with another padding. */
        public Config withPadding(Padding value) {
            return new Config(kernelSize, stride, value, dilation, groups, bias);
        }

        /** These settings with another dilation. */
        public Config withDilation(int value) {
            return new Config(kernelSize, stride, padding, value, groups, bias);
        }

        /** These settings with another number of groups. */
        public Config withGroups(int value) {
            return new Config(kernelSize, stride, padding, dilation, value, bias);
        }

        /** These settings with or without a bias. */
        public Config withBias(boolean value) {
            return new Config(kernelSize, stride, padding, dilation, groups, value);
        }
    }

    /** A layer with the given settings, its parameters drawn from {@code random}. */
    public Conv2d(int inChannels, int outChannels, Config config, RandomGenerator random) {
        if (inChannels < 1 || outChannels < 1 || config == null
                || inChannels % config.groups() != 0 || outChannels % config.groups() != 0) {
            throw new IllegalArgumentException("Conv2d: expected channels >= 1 that groups divides; got inChannels="
                    + inChannels + ", outChannels=" + outChannels + ", groups=" + (config == null ? "no config" : config.groups()));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.config = config;
        int k = config.kernelSize();
        // PyTorch: kaiming_uniform_(a=sqrt(5)) for the weight, which is U(-1/sqrt(fanIn), 1/sqrt(fanIn)), the same for the bias
        float bound = (float) (1 / Math.sqrt(Init.fanIn(outChannels, inChannels / config.groups(), k, k)));
        weight = parameter("weight", Init.uniform(random, -bound, bound, outChannels, inChannels / config.groups(), k, k));
        bias = config.bias() ? parameter("bias", Init.uniform(random, -bound, bound, outChannels)) : null;
    }

    /** A layer with a bias, dilation 1 and one group. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, RandomGenerator random) {
        this(inChannels, outChannels, Config.of(kernelSize).withStride(stride).withPadding(padding), random);
    }

    /** The weight [outChannels, inChannels / groups, kernelSize, kernelSize]. */
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

    /** The number of output channels (filters). */
    public int outChannels() {
        return outChannels;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() == 3 && x.size(0) == inChannels) return forward(x.unsqueeze(0)).squeeze(0);
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException(this + ": expected input [N, " + inChannels + ", H, W] or ["
                    + inChannels + ", H, W]; got " + x.shape());
        }
        int pad = config.padding().size();
        if (config.padding().same()) {
            int total = config.dilation() * (config.kernelSize() - 1);
            pad = total / 2;
            // an odd total puts the extra zero on the bottom and right, as PyTorch does
            if (total % 2 != 0) x = x.pad(new int[] {0, 1, 0, 1}, 0f);
        }
        ConvSpec spec = new ConvSpec(config.stride(), config.stride(), pad, pad, config.dilation(), config.dilation(),
                config.groups());
        return Conv.conv2d(x, weight, bias, spec);
    }

    /** PyTorch's form, Java-cased: {@code Conv2d(3, 64, kernelSize=3, stride=1, padding=1)}; defaults are left out. */
    @Override public String toString() {
        StringBuilder text = new StringBuilder("Conv2d(").append(inChannels).append(", ").append(outChannels)
                .append(", kernelSize=").append(config.kernelSize()).append(", stride=").append(config.stride());
        if (config.padding().same() || config.padding().size() != 0) text.append(", padding=").append(config.padding());
        if (config.dilation() != 1) text.append(", dilation=").append(config.dilation());
        if (config.groups() != 1) text.append(", groups=").append(config.groups());
        if (!config.bias()) text.append(", bias=false");
        return text.append(')').toString();
    }
}
