package fovea.kernel;

/**
 * The loops of batch normalization over x viewed as [batch, channels, plane]: per-channel moments, the
 * per-channel affine map, and the two passes of the closed-form backward. Channel statistics are split across
 * threads by channel and elementwise passes by (batch, channel) plane; sums are taken in float lanes within a
 * plane and in double across planes. The {@code *Plain} twins are single-threaded double loops, the oracle.
 */
public final class BatchNormLoops {
    /** Work handed to one thread covers at least this many elements. */
    private static final int GRAIN = 1 << 14;

    private BatchNormLoops() {}

    private static int perChunk(int elementsPerItem) {
        return Math.max(1, GRAIN / Math.max(1, elementsPerItem));
    }

    /** mean[c] and the biased variance var[c] of each channel over batch and plane (two passes, for accuracy). */
    public static void moments(float[] x, int batch, int channels, int plane, float[] mean, float[] var) {
        Parallel.forRange(channels, perChunk(batch * plane), (from, to) -> {
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) sum += Loops.sum(x, (n * channels + c) * plane, plane);
                float m = (float) (sum / ((double) batch * plane));
                double squares = 0;
                for (int n = 0; n < batch; n++) {
                    int offset = (n * channels + c) * plane;
                    squares += Simd.AVAILABLE ? VectorImageLoops.centeredSquares(x, offset, plane, m)
                            : centeredSquaresPlain(x, offset, plane, m);
                }
                mean[c] = m;
                var[c] = (float) (squares / ((double) batch * plane));
            }
        });
    }

    private static double centeredSquaresPlain(float[] x, int offset, int n, float mean) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = x[offset + i] - (double) mean;
            total += d * d;
        }
        return total;
    }

    /** The plain loop of {@link #moments}. */
    public static void momentsPlain(float[] x, int batch, int channels, int plane, float[] mean, float[] var) {
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) for (int i = 0; i < plane; i++) sum += x[(n * channels + c) * plane + i];
            mean[c] = (float) (sum / ((double) batch * plane));
            double squares = 0;
            for (int n = 0; n < batch; n++) squares += centeredSquaresPlain(x, (n * channels + c) * plane, plane, mean[c]);
            var[c] = (float) (squares / ((double) batch * plane));
        }
    }

    /** out = x * scale[c] + shift[c]: normalization and the affine parameters folded into one pass. */
    public static void scaleShift(float[] x, float[] out, int batch, int channels, int plane, float[] scale, float[] shift) {
        Parallel.forRange(batch * channels, perChunk(plane), (from, to) -> {
            for (int p = from; p < to; p++) {
                int c = p % channels;
                if (Simd.AVAILABLE) {
                    VectorImageLoops.scaleShift(x, out, p * plane, plane, scale[c], shift[c]);
                } else {
                    for (int i = p * plane, end = i + plane; i < end; i++) out[i] = x[i] * scale[c] + shift[c];
                }
            }
        });
    }

    /** The plain loop of {@link #scaleShift}. */
    public static void scaleShiftPlain(float[] x, float[] out, int batch, int channels, int plane, float[] scale, float[] shift) {
        for (int p = 0; p < batch * channels; p++) {
            int c = p % channels;
            for (int i = p * plane; i < (p + 1) * plane; i++) out[i] = x[i] * scale[c] + shift[c];
        }
    }

    /** sumGrad[c] = the sum of g over channel c, sumGradCentered[c] = the sum of g * (x - mean[c]). */
    public static void gradientSums(float[] g, float[] x, int batch, int channels, int plane, float[] mean,
                                    float[] sumGrad, float[] sumGradCentered) {
        Parallel.forRange(channels, perChunk(batch * plane), (from, to) -> {
            double[] pair = new double[2];
            for (int c = from; c < to; c++) {
                pair[0] = 0;
                pair[1] = 0;
                for (int n = 0; n < batch; n++) {
                    int offset = (n * channels + c) * plane;
                    if (Simd.AVAILABLE) {
                        VectorImageLoops.gradientSums(g, x, offset, plane, mean[c], pair);
                    } else {
                        gradientSumsPlain(g, x, offset, plane, mean[c], pair);
                    }
                }
                sumGrad[c] = (float) pair[0];
                sumGradCentered[c] = (float) pair[1];
            }
        });
    }

    private static void gradientSumsPlain(float[] g, float[] x, int offset, int n, float mean, double[] pair) {
        for (int i = offset; i < offset + n; i++) {
            pair[0] += g[i];
            pair[1] += g[i] * (x[i] - (double) mean);
        }
    }

    /** The plain loop of {@link #gradientSums}. */
    public static void gradientSumsPlain(float[] g, float[] x, int batch, int channels, int plane, float[] mean,
                                         float[] sumGrad, float[] sumGradCentered) {
        double[] pair = new double[2];
        for (int c = 0; c < channels; c++) {
            pair[0] = 0;
            pair[1] = 0;
            for (int n = 0; n < batch; n++) gradientSumsPlain(g, x, (n * channels + c) * plane, plane, mean[c], pair);
            sumGrad[c] = (float) pair[0];
            sumGradCentered[c] = (float) pair[1];
        }
    }

    /** gradIn = a[c] * g + b[c] * x + d[c]: the input gradient of batch norm, which is affine in g and x per channel. */
    public static void inputGradient(float[] g, float[] x, float[] gradIn, int batch, int channels, int plane,
                                     float[] a, float[] b, float[] d) {
        Parallel.forRange(batch * channels, perChunk(plane), (from, to) -> {
            for (int p = from; p < to; p++) {
                int c = p % channels;
                if (Simd.AVAILABLE) {
                    VectorImageLoops.inputGradient(g, x, gradIn, p * plane, plane, a[c], b[c], d[c]);
                } else {
                    for (int i = p * plane, end = i + plane; i < end; i++) gradIn[i] = a[c] * g[i] + b[c] * x[i] + d[c];
                }
            }
        });
    }

    /** The plain loop of {@link #inputGradient}. */
    public static void inputGradientPlain(float[] g, float[] x, float[] gradIn, int batch, int channels, int plane,
                                          float[] a, float[] b, float[] d) {
        for (int p = 0; p < batch * channels; p++) {
            int c = p % channels;
            for (int i = p * plane; i < (p + 1) * plane; i++) gradIn[i] = a[c] * g[i] + b[c] * x[i] + d[c];
        }
    }
}
