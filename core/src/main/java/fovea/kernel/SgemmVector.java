package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: one {@link #MR} x {@link #NR} tile of C from an A panel and a B panel packed by
 * {@link SgemmPacking}. Only touched when {@link Simd#AVAILABLE}.
 *
 * <p>Register layout: MR rows by two vectors (NR = 16 floats on AVX2, 32 on AVX-512). On AVX2, 4 rows hold 8
 * accumulators, enough to cover the FMA latency on two pipes (4 cycles x 2). C2 schedules all of a step's loads
 * first, so a step needs accumulators + 2 B vectors + MR broadcasts live at once: 14 of AVX2's 16 ymm registers
 * here. AVX-512's 32 registers take 8 rows ({@link #tile8}: 16 accumulators). The classic 6 x 16 tile needs 20 that way and spills an accumulator on JDK 25,
 * running at under half the speed (measured 38 against 95 GFLOPS in isolation on Zen 3). Everything is
 * straight-line code over locals in a counted loop with no calls the JIT cannot inline.
 */
final class SgemmVector {
    static final VectorSpecies<Float> SPECIES = Vectors.FLOAT;
    /** Floats per vector. */
    static final int VL = SPECIES.length();
    /**
     * Rows of the register tile: 8 with 512-bit vectors (16 accumulators of AVX-512's 32 registers), else 4
     * (8 accumulators of AVX2's 16); {@code -Dfovea.gemm.mr=4|8} overrides it, for measuring.
     */
    static final int MR = rows();
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
    /** Interleaves the first halves of two vectors of quads (lanes 0-3, VL-VL+3, 4-7, ...): 8-row panels' third step. */
    private static final VectorShuffle<Float> OCTS_LOW = shuffle(VL / 8, 4, 0);
    /** Interleaves the second halves of two vectors of quads. */
    private static final VectorShuffle<Float> OCTS_HIGH = shuffle(VL / 8, 4, VL / 2);
    /** Whether {@link #packA} applies: a panel's rows transpose in registers when a vector holds at least MR floats. */
    static final boolean VECTOR_PACK_A = VL >= MR;

    private SgemmVector() {}

    private static int rows() {
        int rows = Integer.getInteger("fovea.gemm.mr", VL >= 16 ? 8 : 4);
        if (rows != 4 && rows != 8) throw new IllegalArgumentException("fovea.gemm.mr: expected 4 or 8; got " + rows);
        return rows;
    }

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
            int aStart = aIndex + tile * MR * kc, row = cIndex + tile * MR * ldc;
            if (MR == 8) tile8(kc, a, aStart, b, bIndex, c, row, ldc, accumulate);
            else tile(kc, a, aStart, b, bIndex, c, row, ldc, accumulate);
        }
    }

    /**
     * One 4-row register tile: C[4 x NR at row] = A-panel (at aStart) * B-panel (at bIndex), plus C when accumulate.
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
            int ai = aStart + p * 4;
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
     * The 8-row register tile of 512-bit vectors, written out as {@link #tile} is and for the same reasons: 16
     * accumulators, 2 B vectors and a broadcast fit AVX-512's 32 registers, and 16 independent FMA chains cover
     * its latency on two pipes where 8 leave them idle part of the time.
     */
    static void tile8(int kc, float[] a, int aStart, float[] b, int bIndex, float[] c, int row, int ldc,
                      boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero,
                c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aStart + p * 8;
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
            x = FloatVector.broadcast(SPECIES, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, c, row));
            c01 = c01.add(FloatVector.fromArray(SPECIES, c, row + VL));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, row + ldc));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, row + ldc + VL));
            c20 = c20.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc + VL));
            c30 = c30.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc + VL));
            c40 = c40.add(FloatVector.fromArray(SPECIES, c, row + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(SPECIES, c, row + 4 * ldc + VL));
            c50 = c50.add(FloatVector.fromArray(SPECIES, c, row + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(SPECIES, c, row + 5 * ldc + VL));
            c60 = c60.add(FloatVector.fromArray(SPECIES, c, row + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(SPECIES, c, row + 6 * ldc + VL));
            c70 = c70.add(FloatVector.fromArray(SPECIES, c, row + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(SPECIES, c, row + 7 * ldc + VL));
        }
        c00.intoArray(c, row);
        c01.intoArray(c, row + VL);
        c10.intoArray(c, row + ldc);
        c11.intoArray(c, row + ldc + VL);
        c20.intoArray(c, row + 2 * ldc);
        c21.intoArray(c, row + 2 * ldc + VL);
        c30.intoArray(c, row + 3 * ldc);
        c31.intoArray(c, row + 3 * ldc + VL);
        c40.intoArray(c, row + 4 * ldc);
        c41.intoArray(c, row + 4 * ldc + VL);
        c50.intoArray(c, row + 5 * ldc);
        c51.intoArray(c, row + 5 * ldc + VL);
        c60.intoArray(c, row + 6 * ldc);
        c61.intoArray(c, row + 6 * ldc + VL);
        c70.intoArray(c, row + 7 * ldc);
        c71.intoArray(c, row + 7 * ldc + VL);
    }

    /**
     * Packs {@code rows} (a multiple of MR) rows of a row-major block of A at {@code aIndex}, kc steps long, times
     * alpha into MR-row panels from {@code destOffset}, as {@link SgemmPacking#packA} does: VL steps of four rows at
     * a time are read as four vectors and transposed in registers by two rounds of interleaving (8-row panels
     * interleave the quads of two such groups in a third). The scalar copy, one row at a time with stores MR floats
     * apart, was 15% of a 256 x 256 x 256 product in a profile; this one measured about twice as fast, and as fast
     * with rows 8 KiB apart (no 4 KiB aliasing of its few vector stores). Needs {@link #VECTOR_PACK_A}.
     */
    static void packA(float[] a, int aIndex, int lda, int kc, int rows, float alpha, float[] dest, int destOffset) {
        for (int i0 = 0; i0 < rows; i0 += MR) {
            int s0 = aIndex + i0 * lda;
            int panel = destOffset + i0 * kc;
            int p = 0;
            for (; p + VL <= kc; p += VL) {
                if (MR == 8) transpose8(a, s0 + p, lda, alpha, dest, panel + p * 8);
                else transpose4(a, s0 + p, lda, alpha, dest, panel + p * 4);
            }
            for (; p < kc; p++) {
                for (int r = 0; r < MR; r++) dest[panel + p * MR + r] = alpha * a[s0 + r * lda + p];
            }
        }
    }

    /** VL steps of 4 rows (at src, lda apart) times alpha, transposed into 4-row steps at dst. */
    private static void transpose4(float[] a, int src, int lda, float alpha, float[] dest, int dst) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, a, src).mul(alpha);
        FloatVector v1 = FloatVector.fromArray(SPECIES, a, src + lda).mul(alpha);
        FloatVector v2 = FloatVector.fromArray(SPECIES, a, src + 2 * lda).mul(alpha);
        FloatVector v3 = FloatVector.fromArray(SPECIES, a, src + 3 * lda).mul(alpha);
        FloatVector low01 = v0.rearrange(PAIRS_LOW, v1), high01 = v0.rearrange(PAIRS_HIGH, v1);
        FloatVector low23 = v2.rearrange(PAIRS_LOW, v3), high23 = v2.rearrange(PAIRS_HIGH, v3);
        low01.rearrange(QUADS_LOW, low23).intoArray(dest, dst);
        low01.rearrange(QUADS_HIGH, low23).intoArray(dest, dst + VL);
        high01.rearrange(QUADS_LOW, high23).intoArray(dest, dst + 2 * VL);
        high01.rearrange(QUADS_HIGH, high23).intoArray(dest, dst + 3 * VL);
    }

    /** VL steps of 8 rows (at src, lda apart) times alpha, transposed into 8-row steps at dst. */
    private static void transpose8(float[] a, int src, int lda, float alpha, float[] dest, int dst) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, a, src).mul(alpha);
        FloatVector v1 = FloatVector.fromArray(SPECIES, a, src + lda).mul(alpha);
        FloatVector v2 = FloatVector.fromArray(SPECIES, a, src + 2 * lda).mul(alpha);
        FloatVector v3 = FloatVector.fromArray(SPECIES, a, src + 3 * lda).mul(alpha);
        FloatVector low01 = v0.rearrange(PAIRS_LOW, v1), high01 = v0.rearrange(PAIRS_HIGH, v1);
        FloatVector low23 = v2.rearrange(PAIRS_LOW, v3), high23 = v2.rearrange(PAIRS_HIGH, v3);
        FloatVector t0 = low01.rearrange(QUADS_LOW, low23), t1 = low01.rearrange(QUADS_HIGH, low23);
        FloatVector t2 = high01.rearrange(QUADS_LOW, high23), t3 = high01.rearrange(QUADS_HIGH, high23);
        FloatVector w4 = FloatVector.fromArray(SPECIES, a, src + 4 * lda).mul(alpha);
        FloatVector w5 = FloatVector.fromArray(SPECIES, a, src + 5 * lda).mul(alpha);
        FloatVector w6 = FloatVector.fromArray(SPECIES, a, src + 6 * lda).mul(alpha);
        FloatVector w7 = FloatVector.fromArray(SPECIES, a, src + 7 * lda).mul(alpha);
        FloatVector low45 = w4.rearrange(PAIRS_LOW, w5), high45 = w4.rearrange(PAIRS_HIGH, w5);
        FloatVector low67 = w6.rearrange(PAIRS_LOW, w7), high67 = w6.rearrange(PAIRS_HIGH, w7);
        FloatVector u0 = low45.rearrange(QUADS_LOW, low67), u1 = low45.rearrange(QUADS_HIGH, low67);
        FloatVector u2 = high45.rearrange(QUADS_LOW, high67), u3 = high45.rearrange(QUADS_HIGH, high67);
        t0.rearrange(OCTS_LOW, u0).intoArray(dest, dst);
        t0.rearrange(OCTS_HIGH, u0).intoArray(dest, dst + VL);
        t1.rearrange(OCTS_LOW, u1).intoArray(dest, dst + 2 * VL);
        t1.rearrange(OCTS_HIGH, u1).intoArray(dest, dst + 3 * VL);
        t2.rearrange(OCTS_LOW, u2).intoArray(dest, dst + 4 * VL);
        t2.rearrange(OCTS_HIGH, u2).intoArray(dest, dst + 5 * VL);
        t3.rearrange(OCTS_LOW, u3).intoArray(dest, dst + 6 * VL);
        t3.rearrange(OCTS_HIGH, u3).intoArray(dest, dst + 7 * VL);
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
