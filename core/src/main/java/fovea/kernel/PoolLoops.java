package fovea.kernel;

import java.util.Arrays;

/**
 * 2-d max, average and adaptive-average pooling of [planes, height, width] arrays (one plane per image and
 * channel) and their backward passes, with PyTorch's window rules. Planes are split across threads; within
 * a plane the Vector API path reduces the window's rows lane-wise first and its columns second, and the
 * plain loop, which is also the test oracle, walks each window in row-major order as PyTorch does.
 */
public final class PoolLoops {
    /** Planes handed to one thread cover at least this many input elements. */
    private static final int GRAIN = 1 << 14;

    private PoolLoops() {}

    private static int planesPerChunk(int planeSize) {
        return Math.max(1, GRAIN / Math.max(1, planeSize));
    }

    /**
     * out = the max over each window, argmax = its flat index within the input plane (the first in row-major
     * order on ties, as PyTorch); NaN wins over numbers.
     */
    public static void maxForward(float[] x, float[] out, int[] argmax, int planes, PoolGeometry g) {
        Parallel.forRange(planes, planesPerChunk(g.inPlane()), (from, to) -> {
            if (isPlain2x2(g) && Simd.AVAILABLE) {
                VectorImageLoops.maxPlanes2x2(x, out, argmax, from, to, g);
            } else if (isPlain2x2(g)) {
                maxPlanes2x2(x, out, argmax, from, to, g);
            } else if (Simd.AVAILABLE) {
                VectorImageLoops.maxPlanes(x, out, argmax, from, to, g);
            } else {
                maxPlanesPlain(x, out, argmax, from, to, g);
            }
        });
    }

    /** The plain loop of {@link #maxForward}, for planes [from, to). */
    public static void maxPlanesPlain(float[] x, float[] out, int[] argmax, int from, int to, PoolGeometry g) {
        int width = g.inWidth();
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int rowStart = firstInside(oh * g.strideH() - g.padH(), g.dilationH());
                int rowEnd = Math.min(oh * g.strideH() - g.padH() + (g.kernelH() - 1) * g.dilationH() + 1, g.inHeight());
                for (int ow = 0; ow < g.outWidth(); ow++, o++) {
                    int colStart = firstInside(ow * g.strideW() - g.padW(), g.dilationW());
                    int colEnd = Math.min(ow * g.strideW() - g.padW() + (g.kernelW() - 1) * g.dilationW() + 1, width);
                    int best = rowStart * width + colStart;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int r = rowStart; r < rowEnd; r += g.dilationH()) {
                        for (int c = colStart; c < colEnd; c += g.dilationW()) {
                            float v = x[in + r * width + c];
                            if (v > max || v != v) {
                                max = v;
                                best = r * width + c;
                            }
                        }
                    }
                    out[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }

    /** 2x2 windows at stride 2, no padding or dilation, every window inside the plane: the common CNN pooling. */
    static boolean isPlain2x2(PoolGeometry g) {
        return g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0
                && g.padW() == 0 && g.dilationH() == 1 && g.dilationW() == 1 && 2 * g.outHeight() <= g.inHeight()
                && 2 * g.outWidth() <= g.inWidth();
    }

    /**
     * {@link #maxPlanesPlain} for {@link #isPlain2x2} windows: the four values of a window compared in the plain
     * loop's order (a later value wins only when larger, or NaN), with no window bounds to compute: the path without
     * the Vector API ({@link VectorImageLoops#maxPlanes2x2} otherwise), faster than the general plain loop.
     */
    static void maxPlanes2x2(float[] x, float[] out, int[] argmax, int from, int to, PoolGeometry g) {
        for (int p = from; p < to; p++) {
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++, o += g.outWidth()) {
                maxWindows2x2(x, p * g.inPlane(), g.inWidth(), 2 * oh * g.inWidth(), out, argmax, o, g.outWidth());
            }
        }
    }

    /**
     * {@code count} consecutive 2x2 windows of one row of outputs, the first with its top-left value at {@code left}
     * in the plane that starts at {@code in}; their maxima and flat indices go to out and argmax from {@code o}.
     */
    static void maxWindows2x2(float[] x, int in, int width, int left, float[] out, int[] argmax, int o, int count) {
        for (int w = 0, k = left; w < count; w++, k += 2) {
            float max = x[in + k];
            int best = k;
            float v = x[in + k + 1];
            if (v > max || v != v) {
                max = v;
                best = k + 1;
            }
            v = x[in + k + width];
            if (v > max || v != v) {
                max = v;
                best = k + width;
            }
            v = x[in + k + width + 1];
            if (v > max || v != v) {
                max = v;
                best = k + width + 1;
            }
            out[o + w] = max;
            argmax[o + w] = best;
        }
    }

    /** The first index start + k*step that is >= 0 (padding puts window starts below 0). */
    static int firstInside(int start, int step) {
        while (start < 0) start += step;
        return start;
    }

    /** gradIn[plane, argmax] += gradOut: each output's gradient goes back to where its max came from. */
    public static void maxBackward(float[] gradOut, int[] argmax, float[] gradIn, int planes, PoolGeometry g) {
        Parallel.forRange(planes, planesPerChunk(g.inPlane()), (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * g.inPlane();
                for (int o = p * g.outPlane(), end = o + g.outPlane(); o < end; o++) gradIn[in + argmax[o]] += gradOut[o];
            }
        });
    }

    /** PyTorch's average-pool divisor: the window clipped to the padded plane, or to the plane itself. */
    static int divisor(PoolGeometry g, int oh, int ow, boolean countIncludePad) {
        int r0 = oh * g.strideH() - g.padH();
        int c0 = ow * g.strideW() - g.padW();
        int r1 = Math.min(r0 + g.kernelH(), g.inHeight() + g.padH());
        int c1 = Math.min(c0 + g.kernelW(), g.inWidth() + g.padW());
        if (countIncludePad) return (r1 - r0) * (c1 - c0);
        return (Math.min(r1, g.inHeight()) - Math.max(r0, 0)) * (Math.min(c1, g.inWidth()) - Math.max(c0, 0));
    }

    /** out = the mean over each window (dilation 1), divided as {@link #divisor} says. */
    public static void avgForward(float[] x, float[] out, int planes, PoolGeometry g, boolean countIncludePad) {
        Parallel.forRange(planes, planesPerChunk(g.inPlane()), (from, to) -> {
            if (Simd.AVAILABLE) {
                VectorImageLoops.avgPlanes(x, out, from, to, g, countIncludePad);
            } else {
                avgPlanesPlain(x, out, from, to, g, countIncludePad);
            }
        });
    }

    /** The plain loop of {@link #avgForward}, for planes [from, to). */
    public static void avgPlanesPlain(float[] x, float[] out, int from, int to, PoolGeometry g, boolean countIncludePad) {
        int width = g.inWidth();
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int r0 = Math.max(oh * g.strideH() - g.padH(), 0);
                int r1 = Math.min(oh * g.strideH() - g.padH() + g.kernelH(), g.inHeight());
                for (int ow = 0; ow < g.outWidth(); ow++, o++) {
                    int c0 = Math.max(ow * g.strideW() - g.padW(), 0);
                    int c1 = Math.min(ow * g.strideW() - g.padW() + g.kernelW(), width);
                    float sum = 0;
                    for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) sum += x[in + r * width + c];
                    int divisor = divisor(g, oh, ow, countIncludePad);
                    out[o] = divisor > 0 ? sum / divisor : 0;
                }
            }
        }
    }

    /** gradIn += each output's gradient spread evenly (by the same divisor) over its window. */
    public static void avgBackward(float[] gradOut, float[] gradIn, int planes, PoolGeometry g, boolean countIncludePad) {
        Parallel.forRange(planes, planesPerChunk(g.inPlane()), (from, to) -> {
            if (Simd.AVAILABLE) {
                VectorImageLoops.avgBackwardPlanes(gradOut, gradIn, from, to, g, countIncludePad);
            } else {
                avgBackwardPlanesPlain(gradOut, gradIn, from, to, g, countIncludePad);
            }
        });
    }

    /** The plain loop of {@link #avgBackward}, for planes [from, to). */
    public static void avgBackwardPlanesPlain(float[] gradOut, float[] gradIn, int from, int to, PoolGeometry g,
                                              boolean countIncludePad) {
        int width = g.inWidth();
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int r0 = Math.max(oh * g.strideH() - g.padH(), 0);
                int r1 = Math.min(oh * g.strideH() - g.padH() + g.kernelH(), g.inHeight());
                for (int ow = 0; ow < g.outWidth(); ow++, o++) {
                    int c0 = Math.max(ow * g.strideW() - g.padW(), 0);
                    int c1 = Math.min(ow * g.strideW() - g.padW() + g.kernelW(), width);
                    int divisor = divisor(g, oh, ow, countIncludePad);
                    if (divisor <= 0) continue;
                    float share = gradOut[o] / divisor;
                    for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) gradIn[in + r * width + c] += share;
                }
            }
        }
    }

    /** PyTorch's adaptive window start along one dim: floor(i * in / out). */
    public static int adaptiveStart(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    /** PyTorch's adaptive window end along one dim: ceil((i + 1) * in / out). */
    public static int adaptiveEnd(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }

    /** Adaptive average pooling of [planes, inH, inW] to [planes, outH, outW]; a 1x1 output is a vectorized sum. */
    public static void adaptiveAvgForward(float[] x, float[] out, int planes, int inH, int inW, int outH, int outW) {
        int plane = inH * inW;
        Parallel.forRange(planes, planesPerChunk(plane), (from, to) -> {
            for (int p = from; p < to; p++) {
                if (outH == 1 && outW == 1) {
                    out[p] = Loops.sum(x, p * plane, plane) / plane;
                    continue;
                }
                int o = p * outH * outW;
                for (int oh = 0; oh < outH; oh++) {
                    int r0 = adaptiveStart(oh, inH, outH);
                    int r1 = adaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int c0 = adaptiveStart(ow, inW, outW);
                        int c1 = adaptiveEnd(ow, inW, outW);
                        float sum = 0;
                        for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) sum += x[p * plane + r * inW + c];
                        out[o] = sum / ((r1 - r0) * (c1 - c0));
                    }
                }
            }
        });
    }

    /** gradIn += each output's gradient spread evenly over its adaptive window. */
    public static void adaptiveAvgBackward(float[] gradOut, float[] gradIn, int planes, int inH, int inW, int outH, int outW) {
        int plane = inH * inW;
        Parallel.forRange(planes, planesPerChunk(plane), (from, to) -> {
            for (int p = from; p < to; p++) {
                if (outH == 1 && outW == 1) {
                    Arrays.fill(gradIn, p * plane, (p + 1) * plane, gradOut[p] / plane);
                    continue;
                }
                int o = p * outH * outW;
                for (int oh = 0; oh < outH; oh++) {
                    int r0 = adaptiveStart(oh, inH, outH);
                    int r1 = adaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int c0 = adaptiveStart(ow, inW, outW);
                        int c1 = adaptiveEnd(ow, inW, outW);
                        float share = gradOut[o] / ((r1 - r0) * (c1 - c0));
                        for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) gradIn[p * plane + r * inW + c] += share;
                    }
                }
            }
        });
    }
}
