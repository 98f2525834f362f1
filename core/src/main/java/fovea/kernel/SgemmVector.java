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
 * straight-line code over locals in a counted loop with no calls the JIT cannot inline, and the method is too
 * large to be inlined into the macro-kernel, which keeps it an own compilation unit with a fresh inlining
 * budget for the Vector API's deep call chains.
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
     * C[0:MR, 0:NR] = A-panel * B-panel + beta * C over kc steps; beta == 0 writes C without reading it.
     * {@code a} holds MR values per step from {@code aIndex}, {@code b} NR values per step from {@code bIndex}.
     */
    static void kernel(int kc, float[] a, int aIndex, float[] b, int bIndex, float[] c, int cIndex, int ldc, float beta) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero,
                c10 = zero, c11 = zero,
                c20 = zero, c21 = zero,
                c30 = zero, c31 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aIndex + p * MR;
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
        update(c00, c01, c, cIndex, beta);
        update(c10, c11, c, cIndex + 1 * ldc, beta);
        update(c20, c21, c, cIndex + 2 * ldc, beta);
        update(c30, c31, c, cIndex + 3 * ldc, beta);
    }

    /** Writes one row of the tile: acc + beta * C, or acc alone when beta == 0. */
    private static void update(FloatVector lo, FloatVector hi, float[] c, int index, float beta) {
        if (beta == 0) {
            lo.intoArray(c, index);
            hi.intoArray(c, index + VL);
        } else if (beta == 1) {
            lo.add(FloatVector.fromArray(SPECIES, c, index)).intoArray(c, index);
            hi.add(FloatVector.fromArray(SPECIES, c, index + VL)).intoArray(c, index + VL);
        } else {
            FloatVector scale = FloatVector.broadcast(SPECIES, beta);
            FloatVector.fromArray(SPECIES, c, index).fma(scale, lo).intoArray(c, index);
            FloatVector.fromArray(SPECIES, c, index + VL).fma(scale, hi).intoArray(c, index + VL);
        }
    }
}
