package fovea.kernel;

/**
 * Copies blocks of op(A) and op(B) into the contiguous panel layouts that the micro-kernels stream through.
 *
 * <p>A block of op(A) (mc x kc) becomes ceil(mc / mr) panels, each kc steps of mr consecutive values (one
 * column of the panel per step), scaled by alpha so the kernel need not multiply. A block of op(B) (kc x nc)
 * becomes ceil(nc / nr) panels, each kc steps of nr consecutive values (one row of the panel per step). Rows
 * and columns past the matrix edge are zero, so the kernel always runs full mr x nr tiles and needs no
 * branches; the driver discards the padding when it writes C. All four transpose cases read the source in
 * the order that is contiguous for it.
 */
final class SgemmPacking {
    /** Steps of k per block when a transposed B is packed (see {@link #packBTransposed}). */
    private static final int TRANSPOSE_BLOCK = 64;

    private SgemmPacking() {}

    /**
     * Packs op(A)[ic : ic+mc, pc : pc+kc] times alpha into {@code dest} from {@code destOffset} as mr-row panels.
     * Each loop reads one source stream: this scalar loop reading the mr rows of a panel side by side was 2-3
     * times slower when the rows lie a multiple of 4 KiB apart, as the reads then alias its one-float writes in
     * the store-forwarding check. (The vector path, {@link SgemmVector#packA}, packs whole untransposed panels.)
     */
    static void packA(SgemmTask t, int ic, int mc, int pc, int kc, int mr, float[] dest, int destOffset) {
        float[] a = t.a();
        float alpha = t.alpha();
        for (int i0 = 0, panel = destOffset; i0 < mc; i0 += mr, panel += mr * kc) {
            int rows = Math.min(mr, mc - i0);
            if (t.transA()) {
                // Stored k x m: the mr values of one step are adjacent in memory.
                for (int p = 0; p < kc; p++) {
                    int src = t.aOffset() + (pc + p) * t.lda() + ic + i0;
                    int dst = panel + p * mr;
                    for (int r = 0; r < rows; r++) dest[dst + r] = alpha * a[src + r];
                    for (int r = rows; r < mr; r++) dest[dst + r] = 0f;
                }
            } else {
                // Stored m x k: walk each row contiguously and scatter with stride mr.
                for (int r = 0; r < rows; r++) {
                    int src = t.aOffset() + (ic + i0 + r) * t.lda() + pc;
                    for (int p = 0; p < kc; p++) dest[panel + p * mr + r] = alpha * a[src + p];
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) dest[panel + p * mr + r] = 0f;
                }
            }
        }
    }

    /** Packs op(B)[pc : pc+kc, jc : jc+nc] into {@code dest} from {@code destOffset} as nr-column panels. */
    static void packB(SgemmTask t, int pc, int kc, int jc, int nc, int nr, float[] dest, int destOffset) {
        if (t.transB()) {
            packBTransposed(t, pc, kc, jc, nc, nr, dest, destOffset);
            return;
        }
        // Stored k x n: read each row once, left to right, and deal its pieces out to the panels. Filling one
        // panel at a time would walk kc rows at once, more streams than the hardware prefetcher follows.
        float[] b = t.b();
        int panelSize = nr * kc;
        for (int p = 0; p < kc; p++) {
            int src = t.bOffset() + (pc + p) * t.ldb() + jc;
            int dst = destOffset + p * nr;
            int j0 = 0;
            for (; j0 + nr <= nc; j0 += nr, dst += panelSize) System.arraycopy(b, src + j0, dest, dst, nr);
            if (j0 < nc) {
                int cols = nc - j0;
                System.arraycopy(b, src + j0, dest, dst, cols);
                for (int j = cols; j < nr; j++) dest[dst + j] = 0f;
            }
        }
    }

    /**
     * Stored n x k: copy nr stored rows (columns of op(B)) into a panel a block of {@link #TRANSPOSE_BLOCK} steps at
     * a time, so the block of the panel being filled (nr x 64 floats, 4 KiB) stays in L1 while each of the nr rows
     * is read contiguously. Filling a whole panel row by row instead wrote every 64-byte line of a kc-long panel
     * nr times, from L2 once kc passed 512.
     */
    private static void packBTransposed(SgemmTask t, int pc, int kc, int jc, int nc, int nr, float[] dest, int destOffset) {
        float[] b = t.b();
        for (int j0 = 0, panel = destOffset; j0 < nc; j0 += nr, panel += nr * kc) {
            int cols = Math.min(nr, nc - j0);
            for (int p0 = 0; p0 < kc; p0 += TRANSPOSE_BLOCK) {
                int steps = Math.min(TRANSPOSE_BLOCK, kc - p0);
                for (int j = 0; j < cols; j++) {
                    int src = t.bOffset() + (jc + j0 + j) * t.ldb() + pc + p0;
                    int dst = panel + p0 * nr + j;
                    for (int p = 0; p < steps; p++) dest[dst + p * nr] = b[src + p];
                }
                for (int j = cols; j < nr; j++) {
                    int dst = panel + p0 * nr + j;
                    for (int p = 0; p < steps; p++) dest[dst + p * nr] = 0f;
                }
            }
        }
    }
}
