package fovea.kernel;

/**
 * The scalar micro-kernel for JVMs without the Vector API: one {@link #MR} x {@link #NR} tile of C from panels
 * packed by {@link SgemmPacking}, with the same blocking as the vector path.
 *
 * <p>A 4 x 4 tile: 16 accumulators and 8 operands, about what x86-64's 16 xmm registers hold with little
 * spilling; each step does 16 multiply-adds for 8 loads.
 */
final class SgemmScalar {
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile. */
    static final int NR = 4;

    private SgemmScalar() {}

    /** Like {@link SgemmVector#kernel}: {@code tiles} MR x NR tiles down C, C = A-panel * B-panel (+ C). */
    static void kernel(int kc, int tiles, float[] a, int aIndex, float[] b, int bIndex, float[] c, int cIndex, int ldc,
                       boolean accumulate) {
        for (int tile = 0; tile < tiles; tile++) {
            int aStart = aIndex + tile * MR * kc;
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0,
                    c10 = 0, c11 = 0, c12 = 0, c13 = 0,
                    c20 = 0, c21 = 0, c22 = 0, c23 = 0,
                    c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            for (int p = 0; p < kc; p++) {
                int ai = aStart + p * MR;
                int bi = bIndex + p * NR;
                float b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
                float a0 = a[ai];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                float a1 = a[ai + 1];
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                float a2 = a[ai + 2];
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                float a3 = a[ai + 3];
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            int row = cIndex + tile * MR * ldc;
            store(c00, c01, c02, c03, c, row, accumulate);
            store(c10, c11, c12, c13, c, row + 1 * ldc, accumulate);
            store(c20, c21, c22, c23, c, row + 2 * ldc, accumulate);
            store(c30, c31, c32, c33, c, row + 3 * ldc, accumulate);
        }
    }

    /** Writes one row of the tile, adding to what C holds when accumulating. */
    private static void store(float x0, float x1, float x2, float x3, float[] c, int index, boolean accumulate) {
        if (accumulate) {
            c[index] += x0;
            c[index + 1] += x1;
            c[index + 2] += x2;
            c[index + 3] += x3;
        } else {
            c[index] = x0;
            c[index + 1] = x1;
            c[index + 2] = x2;
            c[index + 3] = x3;
        }
    }
}
