package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: one {@link #MR} x {@link #NR} tile of C from an A panel and a B panel packed by
 * {@link SgemmPacking}. Only touched when {@link Simd#AVAILABLE}.
 *
 * <p>Register layout: MR = 4 rows by two vectors of the widest species (NR = 16 floats on AVX2, 32 on AVX-512)
 * hold 8 accumulators, enough to cover the FMA latency on two pipes (4 cycles x 2). C2 schedules all of a
 * step's loads first, so a step needs accumulators + 2 B vectors + MR broadcasts live at once: 14 of AVX2's
 * 16 ymm registers here. The classic 6 x 16 tile needs 20 that way and spills an accumulator on JDK 25,
 * running at under half the speed (measured 38 against 95 GFLOPS in isolation on Zen 3). Everything is
 * straight-line code over locals in a counted loop with no calls the JIT cannot inline.
 */
final class SgemmVector {
    static final VectorSpecies<Float> SPECIES = Vectors.FLOAT;
    /** Floats per vector. */
    static final int VL = SPECIES.length();
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * VL;

    /** Interleaves the first halves of two vectors (lanes 0, VL, 1, VL + 1, ...): step one of a 4 x VL transpose. */
    private static final VectorShuffle<Float> PAIRS_LOW = shuffle(VL / 2, 1, 0);
    /** Interleaves the second halves of two vectors. */
    private static final VectorShuffle<Float> PAIRS_HIGH = shuffle(VL / 2, 1, VL / 2);
    /** Interleaves the first halves of two vectors of pairs (lanes 0, 1, VL, VL + 1, 2, 3, ...): the second step. */
    private static final VectorShuffle<Float> QUADS_LOW = shuffle(VL / 4, 2, 0);
    /** Interleaves the second halves of two vectors of pairs. */
    private static final VectorShuffle<Float> QUADS_HIGH = shuffle(VL / 4, 2, VL / 2);

    private SgemmVector() {}

    /**
     * The two-vector shuffle that takes {@code groups} groups of {@code width} lanes from {@code from} on,
     * alternating between the first vector and the second (whose lanes are numbered VL and up).
     */
    private static VectorShuffle<Float> shuffle(int groups, int width, int from) {
        int[] lanes = new int[VL];
        for (int g = 0; g < groups; g++) {
            for (int w = 0; w < width; w++) {
                lanes[2 * g * width + w] = from + g * width + w;
                lanes[2 * g * width + width + w] = VL + from + g * width + w;
            }
        }
        return VectorShuffle.fromValues(SPECIES, lanes);
    }

    /**
     * For each of {@code tiles} consecutive row panels: C[MR x NR tile] = A-panel * B-panel, plus C when
     * {@code accumulate} (otherwise C is written without being read). The A panels follow each other in
     * {@code a} from {@code aIndex} (MR values per step), the one B panel is at {@code bIndex} (NR values per
     * step), and the tiles go down C from {@code cIndex}.
     */
    static void kernel(int kc, int tiles, float[] a, int aIndex, float[] b, int bIndex, float[] c, int cIndex, int ldc,
                       boolean accumulate) {
        for (int tile = 0; tile < tiles; tile++) {
            tile(kc, a, aIndex + tile * MR * kc, b, bIndex, c, cIndex + tile * MR * ldc, ldc, accumulate);
        }
    }

    /**
     * One register tile: C[MR x NR at row] = A-panel (at aStart) * B-panel (at bIndex), plus C when accumulate.
     *
     * <p>Written so that C2 compiles it the same way every time: one method, no helper taking vectors (a helper
     * that C2 declines to inline, say at its node-count cutoff, boxes every vector and was seen to run at a
     * fifth of the speed for the rest of the JVM), larger than C2's limit for inlining hot callees
     * (FreqInlineSize, 325 bytes) so that it stays its own compilation unit, and one loop only. With the loop over
     * the tiles inside as well, a loop predicate of that outer loop failed when the shapes changed (a 2048^3
     * product after 1024^3 ones), and the recompiled method ran at two thirds of the speed for the rest of the JVM
     * (sq2048 and every later shape at 60-65 GFLOPS instead of 85-92, in two runs of three; ResNet-18 steps 1.5
     * times as long).
     */
    static void tile(int kc, float[] a, int aStart, float[] b, int bIndex, float[] c, int row, int ldc,
                     boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero,
                c10 = zero, c11 = zero,
                c20 = zero, c21 = zero,
                c30 = zero, c31 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aStart + p * MR;
            int bi = bIndex + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + VL);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, c, row));
            c01 = c01.add(FloatVector.fromArray(SPECIES, c, row + VL));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, row + 1 * ldc));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, row + 1 * ldc + VL));
            c20 = c20.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc + VL));
            c30 = c30.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc + VL));
        }
        c00.intoArray(c, row);
        c01.intoArray(c, row + VL);
        c10.intoArray(c, row + 1 * ldc);
        c11.intoArray(c, row + 1 * ldc + VL);
        c20.intoArray(c, row + 2 * ldc);
        c21.intoArray(c, row + 2 * ldc + VL);
        c30.intoArray(c, row + 3 * ldc);
        c31.intoArray(c, row + 3 * ldc + VL);
    }

    /**
     * Packs {@code rows} (a multiple of MR) rows of a row-major block of A at {@code aIndex}, kc steps long, times
     * alpha into MR-row panels from {@code destOffset}, as {@link SgemmPacking#packA} does: VL steps of the four rows
     * of a panel at a time are read as four vectors and transposed in registers by two rounds of interleaving. The
     * scalar copy, one row at a time with stores MR floats apart, was 15% of a 256 x 256 x 256 product in a profile;
     * this one measured about twice as fast, and as fast with rows 8 KiB apart (no 4 KiB aliasing of its few vector
     * stores). Needs VL >= 4 (the second round interleaves pairs).
     */
    static void packA(float[] a, int aIndex, int lda, int kc, int rows, float alpha, float[] dest, int destOffset) {
        for (int i0 = 0; i0 < rows; i0 += MR) {
            int s0 = aIndex + i0 * lda, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda;
            int panel = destOffset + i0 * kc;
            int p = 0;
            for (; p + VL <= kc; p += VL) {
                FloatVector v0 = FloatVector.fromArray(SPECIES, a, s0 + p).mul(alpha);
                FloatVector v1 = FloatVector.fromArray(SPECIES, a, s1 + p).mul(alpha);
                FloatVector v2 = FloatVector.fromArray(SPECIES, a, s2 + p).mul(alpha);
                FloatVector v3 = FloatVector.fromArray(SPECIES, a, s3 + p).mul(alpha);
                FloatVector low01 = v0.rearrange(PAIRS_LOW, v1), high01 = v0.rearrange(PAIRS_HIGH, v1);
                FloatVector low23 = v2.rearrange(PAIRS_LOW, v3), high23 = v2.rearrange(PAIRS_HIGH, v3);
                int dst = panel + p * MR;
                low01.rearrange(QUADS_LOW, low23).intoArray(dest, dst);
                low01.rearrange(QUADS_HIGH, low23).intoArray(dest, dst + VL);
                high01.rearrange(QUADS_LOW, high23).intoArray(dest, dst + 2 * VL);
                high01.rearrange(QUADS_HIGH, high23).intoArray(dest, dst + 3 * VL);
            }
            for (; p < kc; p++) {
                int dst = panel + p * MR;
                dest[dst] = alpha * a[s0 + p];
                dest[dst + 1] = alpha * a[s1 + p];
                dest[dst + 2] = alpha * a[s2 + p];
                dest[dst + 3] = alpha * a[s3 + p];
            }
        }
    }

    /**
     * Packs {@code cols} (a multiple of NR) columns of a row-major k x n block at {@code bIndex} into NR-wide panels,
     * as {@link SgemmPacking#packB} does, but a panel row at a time with two vector copies: the generic copy
     * called System.arraycopy per 16 floats and spent more time in the call than in the copy.
     */
    static void packB(float[] b, int bIndex, int ldb, int kc, int cols, float[] dest, int destOffset) {
        int panelSize = NR * kc;
        for (int p = 0; p < kc; p++) {
            int src = bIndex + p * ldb, end = src + cols;
            for (int dst = destOffset + p * NR; src < end; src += NR, dst += panelSize) {
                FloatVector.fromArray(SPECIES, b, src).intoArray(dest, dst);
                FloatVector.fromArray(SPECIES, b, src + VL).intoArray(dest, dst + VL);
            }
        }
    }
}
