package fovea.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API bodies of {@link PoolLoops} and {@link BatchNormLoops}; loaded only when {@link Simd#AVAILABLE}. */
final class VectorImageLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Float lanes are folded into a double after this many elements, so long sums keep their precision. */
    private static final int BLOCK = 1024;

    private VectorImageLoops() {}

    /**
     * Max pooling of planes [from, to), separably: the window's rows are reduced lane-wise into a row of column
     * maxima (remembering the winning row), then each window's columns are scanned; on ties the smaller flat
     * index wins, which is the first in row-major order, as in the plain loop.
     */
    static void maxPlanes(float[] x, float[] out, int[] argmax, int from, int to, PoolGeometry g) {
        int width = g.inWidth();
        float[] colMax = new float[width];
        float[] colRow = new float[width];
        int bound = S.loopBound(width);
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int start = oh * g.strideH() - g.padH();
                int rowStart = PoolLoops.firstInside(start, g.dilationH());
                int rowEnd = Math.min(start + (g.kernelH() - 1) * g.dilationH() + 1, g.inHeight());
                int c = 0;
                for (; c < bound; c += S.length()) {
                    FloatVector max = FloatVector.fromArray(S, x, in + rowStart * width + c);
                    FloatVector row = FloatVector.broadcast(S, rowStart);
                    for (int r = rowStart + g.dilationH(); r < rowEnd; r += g.dilationH()) {
                        FloatVector v = FloatVector.fromArray(S, x, in + r * width + c);
                        VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
                        max = max.blend(v, take);
                        row = row.blend(r, take);
                    }
                    max.intoArray(colMax, c);
                    row.intoArray(colRow, c);
                }
                for (; c < width; c++) {
                    float max = x[in + rowStart * width + c];
                    int row = rowStart;
                    for (int r = rowStart + g.dilationH(); r < rowEnd; r += g.dilationH()) {
                        float v = x[in + r * width + c];
                        if (v > max || v != v) {
                            max = v;
                            row = r;
                        }
                    }
                    colMax[c] = max;
                    colRow[c] = row;
                }
                for (int ow = 0; ow < g.outWidth(); ow++, o++) {
                    int colStart = PoolLoops.firstInside(ow * g.strideW() - g.padW(), g.dilationW());
                    int colEnd = Math.min(ow * g.strideW() - g.padW() + (g.kernelW() - 1) * g.dilationW() + 1, width);
                    float max = Float.NEGATIVE_INFINITY;
                    int best = rowStart * width + colStart;
                    for (int col = colStart; col < colEnd; col += g.dilationW()) {
                        float v = colMax[col];
                        int index = (int) colRow[col] * width + col;
                        if (v > max || v != v || (v == max && index < best)) {
                            max = v;
                            best = index;
                        }
                    }
                    out[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }

    /** Average pooling of planes [from, to), separably: lane-wise sums of the window's rows, then of its columns. */
    static void avgPlanes(float[] x, float[] out, int from, int to, PoolGeometry g, boolean countIncludePad) {
        int width = g.inWidth();
        float[] colSum = new float[width];
        int bound = S.loopBound(width);
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int r0 = Math.max(oh * g.strideH() - g.padH(), 0);
                int r1 = Math.min(oh * g.strideH() - g.padH() + g.kernelH(), g.inHeight());
                int c = 0;
                for (; c < bound; c += S.length()) {
                    FloatVector sum = FloatVector.zero(S);
                    for (int r = r0; r < r1; r++) sum = sum.add(FloatVector.fromArray(S, x, in + r * width + c));
                    sum.intoArray(colSum, c);
                }
                for (; c < width; c++) {
                    float sum = 0;
                    for (int r = r0; r < r1; r++) sum += x[in + r * width + c];
                    colSum[c] = sum;
                }
                for (int ow = 0; ow < g.outWidth(); ow++, o++) {
                    int c0 = Math.max(ow * g.strideW() - g.padW(), 0);
                    int c1 = Math.min(ow * g.strideW() - g.padW() + g.kernelW(), width);
                    float sum = 0;
                    for (int col = c0; col < c1; col++) sum += colSum[col];
                    int divisor = PoolLoops.divisor(g, oh, ow, countIncludePad);
                    out[o] = divisor > 0 ? sum / divisor : 0;
                }
            }
        }
    }

    /** The backward of {@link #avgPlanes}: each output row's shares are spread over a row, then added lane-wise to the window's rows. */
    static void avgBackwardPlanes(float[] gradOut, float[] gradIn, int from, int to, PoolGeometry g, boolean countIncludePad) {
        int width = g.inWidth();
        float[] rowGrad = new float[width];
        int bound = S.loopBound(width);
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                Arrays.fill(rowGrad, 0f);
                for (int ow = 0; ow < g.outWidth(); ow++, o++) {
                    int divisor = PoolLoops.divisor(g, oh, ow, countIncludePad);
                    if (divisor <= 0) continue;
                    float share = gradOut[o] / divisor;
                    int c0 = Math.max(ow * g.strideW() - g.padW(), 0);
                    int c1 = Math.min(ow * g.strideW() - g.padW() + g.kernelW(), width);
                    for (int col = c0; col < c1; col++) rowGrad[col] += share;
                }
                int r0 = Math.max(oh * g.strideH() - g.padH(), 0);
                int r1 = Math.min(oh * g.strideH() - g.padH() + g.kernelH(), g.inHeight());
                for (int r = r0; r < r1; r++) {
                    int row = in + r * width;
                    int c = 0;
                    for (; c < bound; c += S.length()) {
                        FloatVector.fromArray(S, gradIn, row + c).add(FloatVector.fromArray(S, rowGrad, c)).intoArray(gradIn, row + c);
                    }
                    for (; c < width; c++) gradIn[row + c] += rowGrad[c];
                }
            }
        }
    }

    /** The sum of (x - mean)^2 over x[offset .. offset+n). */
    static double centeredSquares(float[] x, int offset, int n, float mean) {
        FloatVector m = FloatVector.broadcast(S, mean);
        float[] lanes = new float[S.length()];
        double total = 0;
        int i = 0;
        int bound = S.loopBound(n);
        while (i < bound) {
            int end = Math.min(bound, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += S.length()) {
                FloatVector d = FloatVector.fromArray(S, x, offset + i).sub(m);
                acc = d.fma(d, acc);
            }
            acc.intoArray(lanes, 0);
            for (float lane : lanes) total += lane;
        }
        for (; i < n; i++) {
            double d = x[offset + i] - (double) mean;
            total += d * d;
        }
        return total;
    }

    /** out = x * scale + shift over [offset, offset+n). */
    static void scaleShift(float[] x, float[] out, int offset, int n, float scale, float shift) {
        FloatVector s = FloatVector.broadcast(S, scale);
        FloatVector t = FloatVector.broadcast(S, shift);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, offset + i).fma(s, t).intoArray(out, offset + i);
        }
        for (; i < n; i++) out[offset + i] = x[offset + i] * scale + shift;
    }

    /** pair[0] += the sum of g, pair[1] += the sum of g * (x - mean), over [offset, offset+n). */
    static void gradientSums(float[] g, float[] x, int offset, int n, float mean, double[] pair) {
        FloatVector m = FloatVector.broadcast(S, mean);
        float[] lanes = new float[S.length()];
        int i = 0;
        int bound = S.loopBound(n);
        while (i < bound) {
            int end = Math.min(bound, i + BLOCK);
            FloatVector sumG = FloatVector.zero(S);
            FloatVector sumGx = FloatVector.zero(S);
            for (; i < end; i += S.length()) {
                FloatVector gv = FloatVector.fromArray(S, g, offset + i);
                sumG = sumG.add(gv);
                sumGx = gv.fma(FloatVector.fromArray(S, x, offset + i).sub(m), sumGx);
            }
            sumG.intoArray(lanes, 0);
            for (float lane : lanes) pair[0] += lane;
            sumGx.intoArray(lanes, 0);
            for (float lane : lanes) pair[1] += lane;
        }
        for (; i < n; i++) {
            pair[0] += g[offset + i];
            pair[1] += g[offset + i] * (x[offset + i] - (double) mean);
        }
    }

    /** gradIn = a g + b x + d over [offset, offset+n). */
    static void inputGradient(float[] g, float[] x, float[] gradIn, int offset, int n, float a, float b, float d) {
        FloatVector av = FloatVector.broadcast(S, a);
        FloatVector bv = FloatVector.broadcast(S, b);
        FloatVector dv = FloatVector.broadcast(S, d);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, offset + i).fma(bv, dv)
                    .add(FloatVector.fromArray(S, g, offset + i).mul(av)).intoArray(gradIn, offset + i);
        }
        for (; i < n; i++) gradIn[offset + i] = a * g[offset + i] + b * x[offset + i] + d;
    }
}
