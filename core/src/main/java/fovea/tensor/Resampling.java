package fovea.tensor;

import fovea.kernel.Parallel;

/**
 * Nearest and bilinear (align_corners False or True) resizing of [N, C, H, W] images with PyTorch's source-index rules,
 * each one fused node. The ratio (input pixels per output pixel) is 1/scaleFactor when a scale factor is given
 * and in/out when a size is, in float arithmetic, as PyTorch computes it for float32 tensors.
 */
final class Resampling {
    /** Planes handed to one thread cover at least this many output elements. */
    private static final int GRAIN = 1 << 14;

    private Resampling() {}

    /**
     * One axis of the resize: its sizes, the ratio of input to output pixels, and whether the corners align (then
     * the ratio is (in - 1) / (out - 1) and the first and last pixels of input and output coincide).
     */
    record Axis(int in, int out, float ratio, boolean alignCorners) {
        static Axis byScale(String op, Shape shape, int dim, double scaleFactor) {
            if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
                throw new IllegalArgumentException(op + ": scale factor must be > 0; got " + scaleFactor + " for input " + shape);
            }
            int in = shape.dim(dim);
            return new Axis(in, (int) Math.floor(in * scaleFactor), (float) (1.0 / scaleFactor), false);
        }

        static Axis bySize(Shape shape, int dim, int out) {
            return new Axis(shape.dim(dim), out, (float) shape.dim(dim) / out, false);
        }

        /** The same sizes with align_corners=True: PyTorch's ratio (in - 1) / (out - 1), 0 for one output pixel. */
        Axis alignedCorners() {
            return new Axis(in, out, out > 1 ? (float) (in - 1) / (out - 1) : 0f, true);
        }

        /** PyTorch's nearest source index: floor(dst * ratio), clamped to the last pixel. */
        int nearest(int dst) {
            if (out == in) return dst;
            if (out == 2 * in) return dst >> 1;
            return Math.min((int) Math.floor(dst * ratio), in - 1);
        }

        /**
         * PyTorch's bilinear source: ratio dst with aligned corners, else ratio (dst + 0.5) - 0.5, clamped at 0.
         */
        float source(int dst) {
            if (out == in) return dst;
            if (alignCorners) return ratio * dst;
            float real = (float) (ratio * (dst + 0.5) - 0.5);   // in double, then rounded, as PyTorch's C++ does
            return real < 0 ? 0 : real;
        }
    }

    private static void check(String op, Shape shape, Axis h, Axis w) {
        if (shape.rank() != 4 || h.in() < 1 || w.in() < 1 || h.out() < 1 || w.out() < 1) {
            throw new IllegalArgumentException(op + ": expected a non-empty input [N, C, H, W] and an output size >= 1; got "
                    + shape + " to " + h.out() + "x" + w.out());
        }
    }

    /** Each output pixel copies its nearest source pixel; d/dx adds each output's gradient back to its source. */
    static Tensor nearest(Tensor x, Axis h, Axis w) {
        Shape shape = x.shape();
        check("upsampleNearest", shape, h, w);
        int planes = shape.dim(0) * shape.dim(1);
        int[] rows = new int[h.out()];
        int[] cols = new int[w.out()];
        for (int i = 0; i < rows.length; i++) rows[i] = h.nearest(i);
        for (int i = 0; i < cols.length; i++) cols[i] = w.nearest(i);
        int inPlane = h.in() * w.in();
        int outPlane = h.out() * w.out();
        float[] in = x.data;
        float[] out = new float[planes * outPlane];
        Parallel.forRange(planes, Math.max(1, GRAIN / outPlane), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oh = 0, o = p * outPlane; oh < rows.length; oh++) {
                    int row = p * inPlane + rows[oh] * w.in();
                    for (int ow = 0; ow < cols.length; ow++, o++) out[o] = in[row + cols[ow]];
                }
            }
        });
        return Tensor.derived("upsampleNearest", out, Shape.of(shape.dim(0), shape.dim(1), h.out(), w.out()),
                new Tensor[] {x}, grad -> {
                    float[] g = grad.data;
                    float[] back = new float[shape.numel()];
                    Parallel.forRange(planes, Math.max(1, GRAIN / outPlane), (from, to) -> {
                        for (int p = from; p < to; p++) {
                            for (int oh = 0, o = p * outPlane; oh < rows.length; oh++) {
                                int row = p * inPlane + rows[oh] * w.in();
                                for (int ow = 0; ow < cols.length; ow++, o++) back[row + cols[ow]] += g[o];
                            }
                        }
                    });
                    return new Tensor[] {new Tensor(back, shape)};
                });
    }

    /** The source pixels and weights of one axis: out[i] mixes in[lower[i]] and in[upper[i]]. */
    private record Taps(int[] lower, int[] upper, float[] lowerWeight, float[] upperWeight) {
        static Taps of(Axis axis) {
            int n = axis.out();
            Taps taps = new Taps(new int[n], new int[n], new float[n], new float[n]);
            for (int i = 0; i < n; i++) {
                float real = axis.source(i);
                int lower = (int) real;
                float upperWeight = Math.min(Math.max(real - lower, 0f), 1f);
                taps.lower[i] = lower;
                taps.upper[i] = lower < axis.in() - 1 ? lower + 1 : lower;
                taps.upperWeight[i] = upperWeight;
                taps.lowerWeight[i] = 1f - upperWeight;
            }
            return taps;
        }
    }

    /** Bilinear interpolation between the four nearest source pixels; d/dx spreads each gradient back with the same weights. */
    static Tensor bilinear(Tensor x, Axis h, Axis w) {
        Shape shape = x.shape();
        check("upsampleBilinear", shape, h, w);
        int planes = shape.dim(0) * shape.dim(1);
        Taps rows = Taps.of(h);
        Taps cols = Taps.of(w);
        int inPlane = h.in() * w.in();
        int outPlane = h.out() * w.out();
        int width = w.in();
        float[] in = x.data;
        float[] out = new float[planes * outPlane];
        Parallel.forRange(planes, Math.max(1, GRAIN / outPlane), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oh = 0, o = p * outPlane; oh < h.out(); oh++) {
                    int top = p * inPlane + rows.lower[oh] * width;
                    int bottom = p * inPlane + rows.upper[oh] * width;
                    float wt = rows.lowerWeight[oh];
                    float wb = rows.upperWeight[oh];
                    for (int ow = 0; ow < w.out(); ow++, o++) {
                        int l = cols.lower[ow];
                        int r = cols.upper[ow];
                        float wl = cols.lowerWeight[ow];
                        float wr = cols.upperWeight[ow];
                        out[o] = wt * (wl * in[top + l] + wr * in[top + r]) + wb * (wl * in[bottom + l] + wr * in[bottom + r]);
                    }
                }
            }
        });
        return Tensor.derived("upsampleBilinear", out, Shape.of(shape.dim(0), shape.dim(1), h.out(), w.out()),
                new Tensor[] {x}, grad -> {
                    float[] g = grad.data;
                    float[] back = new float[shape.numel()];
                    Parallel.forRange(planes, Math.max(1, GRAIN / outPlane), (from, to) -> {
                        for (int p = from; p < to; p++) {
                            for (int oh = 0, o = p * outPlane; oh < h.out(); oh++) {
                                int top = p * inPlane + rows.lower[oh] * width;
                                int bottom = p * inPlane + rows.upper[oh] * width;
                                float wt = rows.lowerWeight[oh];
                                float wb = rows.upperWeight[oh];
                                for (int ow = 0; ow < w.out(); ow++, o++) {
                                    int l = cols.lower[ow];
                                    int r = cols.upper[ow];
                                    float wl = cols.lowerWeight[ow];
                                    float wr = cols.upperWeight[ow];
                                    back[top + l] += wt * wl * g[o];
                                    back[top + r] += wt * wr * g[o];
                                    back[bottom + l] += wb * wl * g[o];
                                    back[bottom + r] += wb * wr * g[o];
                                }
                            }
                        }
                    });
                    return new Tensor[] {new Tensor(back, shape)};
                });
    }
}
