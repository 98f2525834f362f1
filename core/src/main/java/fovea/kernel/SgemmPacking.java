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
    private SgemmPacking() {}

    /** Packs op(A)[ic : ic+mc, pc : pc+kc] times alpha into {@code dest} as mr-row panels. */
    static void packA(SgemmTask t, int ic, int mc, int pc, int kc, int mr, float[] dest) {
        float[] a = t.a();
        float alpha = t.alpha();
        for (int i0 = 0, panel = 0; i0 < mc; i0 += mr, panel += mr * kc) {
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

    /** Packs op(B)[pc : pc+kc, jc : jc+nc] into {@code dest} as nr-column panels. */
    static void packB(SgemmTask t, int pc, int kc, int jc, int nc, int nr, float[] dest) {
        float[] b = t.b();
        for (int j0 = 0, panel = 0; j0 < nc; j0 += nr, panel += nr * kc) {
            int cols = Math.min(nr, nc - j0);
            if (t.transB()) {
                // Stored n x k: walk each stored row (a column of op(B)) and scatter with stride nr.
                for (int j = 0; j < cols; j++) {
                    int src = t.bOffset() + (jc + j0 + j) * t.ldb() + pc;
                    for (int p = 0; p < kc; p++) dest[panel + p * nr + j] = b[src + p];
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0; p < kc; p++) dest[panel + p * nr + j] = 0f;
                }
            } else if (cols == nr) {
                // Stored k x n: each step of the panel is a contiguous piece of one row.
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, t.bOffset() + (pc + p) * t.ldb() + jc + j0, dest, panel + p * nr, nr);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = t.bOffset() + (pc + p) * t.ldb() + jc + j0;
                    int dst = panel + p * nr;
                    for (int j = 0; j < cols; j++) dest[dst + j] = b[src + j];
                    for (int j = cols; j < nr; j++) dest[dst + j] = 0f;
                }
            }
        }
    }
}
