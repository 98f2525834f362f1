package fovea.kernel;

import jdk.incubator.vector.FloatVector;
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
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int VL = SPECIES.length();
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * VL;

    private SgemmVector() {}

    /**
     * For each of {@code tiles} consecutive row panels: C[MR x NR tile] = A-panel * B-panel, plus C when
     * {@code accumulate} (otherwise C is written without being read). The A panels follow each other in
     * {@code a} from {@code aIndex} (MR values per step), the one B panel is at {@code bIndex} (NR values per
     * step), and the tiles go down C from {@code cIndex}.
     *
     * <p>Written so that C2 compiles it the same way every time: one method, no helper taking vectors (a helper
     * that C2 declines to inline, say at its node-count cutoff, boxes every vector and was seen to run at a
     * fifth of the speed for the rest of the JVM), and the loop over row panels inside, which makes the method
     * larger than C2's limit for inlining hot callees (FreqInlineSize, 325 bytes) so that it stays its own
     * compilation unit instead of being merged into the blocking loops.
     */
    static void kernel(int kc, int tiles, float[] a, int aIndex, float[] b, int bIndex, float[] c, int cIndex, int ldc,
                       boolean accumulate) {
        for (int tile = 0; tile < tiles; tile++) {
            int aStart = aIndex + tile * MR * kc;
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
            int row = cIndex + tile * MR * ldc;
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
