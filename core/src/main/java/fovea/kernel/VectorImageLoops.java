package fovea.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API bodies of {@link PoolLoops} and {@link BatchNormLoops}; loaded only when {@link Simd#AVAILABLE}. */
final class VectorImageLoops {
    private static final VectorSpecies<Float> S = Vectors.FLOAT;
    /** Float lanes are folded into a double after this many elements, so long sums keep their precision. */
    private static final int BLOCK = 1024;

    /** Int lanes alongside the float lanes, for the flat indices of the maxima. */
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    /** The even lanes of two vectors side by side (0, 2, ..., 2 VL - 2): the left columns of VL 2x2 windows. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, lane -> 2 * lane);
    /** The odd lanes of two vectors side by side: the right columns. */
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, lane -> 2 * lane + 1);
    /** 0, 2, 4, ...: the offsets of VL consecutive windows' left columns. */
    private static final IntVector EVEN_OFFSETS = IntVector.zero(I).addIndex(2);

    private VectorImageLoops() {}

    /**
     * Max pooling of planes [from, to) over 2x2 windows at stride 2 ({@link PoolLoops#isPlain2x2}), VL outputs of a
     * row at a time: two vectors of each of the window's rows are split into even and odd columns (the left and
     * right value of each window), compared left against right, then top against bottom, the later value winning
     * only when larger or NaN. That is the plain loop's order folded in pairs, so values and indices, ties and NaNs
     * included, equal its. The scalar 2x2 loop ran at about 50 cycles a window on ReLU outputs, most of them in
     * mispredicted branches (a fifth of a LeNet-5 training step).
     */
    static void maxPlanes2x2(float[] x, float[] out, int[] argmax, int from, int to, PoolGeometry g) {
        int width = g.inWidth();
        int outW = g.outWidth();
        int vl = S.length();
        float[] tailMax = new float[vl];
        int[] tailIndex = new int[vl];
        for (int p = from; p < to; p++) {
            int in = p * g.inPlane();
            int o = p * g.outPlane();
            for (int oh = 0; oh < g.outHeight(); oh++, o += outW) {
                int rowStart = 2 * oh * width;
                for (int ow = 0; ow < outW; ow += vl) {
                    int count = Math.min(vl, outW - ow);
                    int left = rowStart + 2 * ow;
                    int top = in + left, bottom = top + width;
                    if (bottom + 2 * vl > x.length) {
                        // the last windows of the array: full vectors would read past its end
                        PoolLoops.maxWindows2x2(x, in, width, left, out, argmax, o + ow, count);
                        continue;
                    }
                    // Past the row's last window the lanes hold the next row's values; they are computed and dropped.
                    FloatVector top0 = FloatVector.fromArray(S, x, top);
                    FloatVector top1 = FloatVector.fromArray(S, x, top + vl);
                    FloatVector bottom0 = FloatVector.fromArray(S, x, bottom);
                    FloatVector bottom1 = FloatVector.fromArray(S, x, bottom + vl);
                    FloatVector topLeft = top0.rearrange(EVEN, top1), topRight = top0.rearrange(ODD, top1);
                    FloatVector bottomLeft = bottom0.rearrange(EVEN, bottom1);
                    FloatVector bottomRight = bottom0.rearrange(ODD, bottom1);
                    VectorMask<Float> topTakesRight = laterWins(topRight, topLeft);
                    VectorMask<Float> bottomTakesRight = laterWins(bottomRight, bottomLeft);
                    FloatVector topMax = topLeft.blend(topRight, topTakesRight);
                    FloatVector bottomMax = bottomLeft.blend(bottomRight, bottomTakesRight);
                    VectorMask<Float> takeBottom = laterWins(bottomMax, topMax);
                    IntVector topIndex = EVEN_OFFSETS.add(left);
                    topIndex = topIndex.blend(topIndex.add(1), topTakesRight.cast(I));
                    IntVector bottomIndex = EVEN_OFFSETS.add(left + width);
                    bottomIndex = bottomIndex.blend(bottomIndex.add(1), bottomTakesRight.cast(I));
                    FloatVector max = topMax.blend(bottomMax, takeBottom);
                    IntVector index = topIndex.blend(bottomIndex, takeBottom.cast(I));
                    if (count == vl) {
                        max.intoArray(out, o + ow);
                        index.intoArray(argmax, o + ow);
                    } else {
                        max.intoArray(tailMax, 0);
                        index.intoArray(tailIndex, 0);
                        System.arraycopy(tailMax, 0, out, o + ow, count);
                        System.arraycopy(tailIndex, 0, argmax, o + ow, count);
                    }
                }
            }
        }
    }

    /** Where a value later in the window replaces the running max: when larger, or NaN. */
    private static VectorMask<Float> laterWins(FloatVector later, FloatVector max) {
        return later.compare(VectorOperators.GT, max).or(later.compare(VectorOperators.NE, later));
    }

    /**
     * Max pooling of planes [from, to), separably and without branches: the window's rows are reduced lane-wise
     * into a row of column maxima with the flat index each came from, then each kernel column is gathered for a
     * block of outputs at once. On ties the smaller flat index wins, which is the first in row-major order, and
     * among NaNs the larger, the last, as in the plain loop. Indices ride along as floats, exact for planes below
     * 2^24 elements; larger ones take the plain loop.
     */
    static void maxPlanes(float[] x, float[] out, int[] argmax, int from, int to, PoolGeometry g) {
        if (g.inPlane() >= 1 << 24) {
            PoolLoops.maxPlanesPlain(x, out, argmax, from, to, g);
            return;
        }
        int width = g.inWidth();
        int outW = g.outWidth();
        int padded = (outW + S.length() - 1) / S.length() * S.length();
        // column `width` is a sentinel: -infinity from an index that never wins, for taps in the padding
        float[] colMax = new float[width + 1];
        float[] colIndex = new float[width + 1];
        colMax[width] = Float.NEGATIVE_INFINITY;
        colIndex[width] = Float.MAX_VALUE;
        int[][] taps = new int[g.kernelW()][padded];
        for (int j = 0; j < g.kernelW(); j++) {
            for (int ow = 0; ow < padded; ow++) {
                int c = ow * g.strideW() - g.padW() + j * g.dilationW();
                taps[j][ow] = ow < outW && c >= 0 && c < width ? c : width;
            }
        }
        float[] iota = new float[S.length()];
        for (int i = 0; i < iota.length; i++) iota[i] = i;
        FloatVector lanes = FloatVector.fromArray(S, iota, 0);
        float[] outRow = new float[padded];
        float[] indexRow = new float[padded];
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
                    FloatVector row = FloatVector.broadcast(S, (float) rowStart);
                    for (int r = rowStart + g.dilationH(); r < rowEnd; r += g.dilationH()) {
                        FloatVector v = FloatVector.fromArray(S, x, in + r * width + c);
                        VectorMask<Float> take = laterWins(v, max);
                        max = max.blend(v, take);
                        row = row.blend(FloatVector.broadcast(S, (float) r), take);
                    }
                    max.intoArray(colMax, c);
                    row.mul((float) width).add(lanes).add((float) c).intoArray(colIndex, c);
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
                    colIndex[c] = row * width + c;
                }
                for (int b = 0; b < padded; b += S.length()) {
                    FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                    FloatVector best = FloatVector.broadcast(S, Float.MAX_VALUE);
                    for (int[] tap : taps) {
                        FloatVector v = FloatVector.fromArray(S, colMax, 0, tap, b);
                        FloatVector index = FloatVector.fromArray(S, colIndex, 0, tap, b);
                        // NaN beats numbers, and among NaNs the later one in row-major order wins, as in the plain loop
                        VectorMask<Float> laterNaN = v.compare(VectorOperators.NE, v)
                                .and(max.compare(VectorOperators.EQ, max).or(index.compare(VectorOperators.GT, best)));
                        VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(laterNaN)
                                .or(v.compare(VectorOperators.EQ, max).and(index.compare(VectorOperators.LT, best)));
                        max = max.blend(v, take);
                        best = best.blend(index, take);
                    }
                    max.intoArray(outRow, b);
                    best.intoArray(indexRow, b);
                }
                System.arraycopy(outRow, 0, out, o, outW);
                for (int ow = 0; ow < outW; ow++) argmax[o + ow] = (int) indexRow[ow];
                o += outW;
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
