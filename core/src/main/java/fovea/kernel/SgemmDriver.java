package fovea.kernel;

/**
 * The cache-blocked GEMM loops (Goto's algorithm, as in BLIS and OpenBLAS) and the split over threads.
 *
 * <p>Loop nest, outermost first: nc columns of op(B) (the packed kc x nc block of B stays in L3), kc steps of
 * the sum (the block of B is packed once per kc step), mc rows of op(A) (the packed mc x kc block of A stays in
 * L2), then the macro-kernel: nr-column panels of B (one panel, kc x nr, stays in L1) times mr-row panels of A
 * streamed from L2, each an mr x nr register tile.
 *
 * <p>Threads split C into bands of whole register tiles along its longer side (in tiles) and run this blocked
 * loop independently on each band, with their own packing buffers. The band boundaries depend only on the
 * sizes and the thread count; the kc blocking depends only on k, so each element of C is summed in the same
 * order whatever the split.
 */
final class SgemmDriver {
    /**
     * Most steps of k per packed block. A B panel of kc x 16 floats (16 KiB at 256) must stay in the 32 KiB L1
     * beside the streaming A panel; the block is then split evenly (k = 288 runs as one block of 288, k = 784
     * as 4 x 196) because a thin last block would cost a full extra pass over C.
     */
    static final int KC = 256;
    /** Most rows of op(A) per packed block: 144 x 256 floats = 144 KiB, well inside a 512 KiB L2. */
    static final int MC = 144;
    /** Most columns of op(B) per packed block: 256 x 4096 floats = 4 MiB, a share of the L3. */
    static final int NC = 4096;
    /**
     * Below this many multiply-adds (m * n * k) one thread does the whole product: handing work to the pool
     * costs tens of microseconds, and a 128^3 product (2 million) takes about as long on one core.
     */
    static final long PARALLEL_MIN_VOLUME = 1L << 22;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SgemmDriver() {}

    /** Computes the task with the vector (or scalar) micro-kernel on up to {@code threads} threads. */
    static void sgemm(SgemmTask task, boolean vector, int threads) {
        int mr = vector ? SgemmVector.MR : SgemmScalar.MR;
        int nr = vector ? SgemmVector.NR : SgemmScalar.NR;
        long volume = (long) task.m() * task.n() * task.k();
        int rowTiles = ceilDiv(task.m(), mr);
        int columnTiles = ceilDiv(task.n(), nr);
        boolean byColumns = columnTiles >= rowTiles;
        int tiles = byColumns ? columnTiles : rowTiles;
        int parts = volume < PARALLEL_MIN_VOLUME ? 1 : Math.min(threads, tiles);
        if (parts <= 1) {
            blocked(task, vector, mr, nr);
            return;
        }
        int tileSize = byColumns ? nr : mr;
        int size = byColumns ? task.n() : task.m();
        Parallel.forEachChunk(parts, part -> {
            int from = (int) ((long) tiles * part / parts) * tileSize;
            int to = Math.min(size, (int) ((long) tiles * (part + 1) / parts) * tileSize);
            blocked(byColumns ? task.columns(from, to) : task.rows(from, to), vector, mr, nr);
        });
    }

    /** The blocked loop nest on the calling thread. */
    static void blocked(SgemmTask t, boolean vector, int mr, int nr) {
        int m = t.m(), n = t.n(), k = t.k();
        int kcMax = ceilDiv(k, ceilDiv(k, KC));
        int mcMax = Math.min(ceilDiv(m, mr), MC / mr) * mr;
        int ncMax = Math.min(ceilDiv(n, nr), NC / nr) * nr;
        Workspace workspace = WORKSPACE.get();
        float[] packedA = workspace.packedA(mcMax * kcMax);
        float[] packedB = workspace.packedB(kcMax * ncMax);
        float[] tile = workspace.tile(mr * nr);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                SgemmPacking.packB(t, pc, kc, jc, nc, nr, packedB);
                // The first k block applies the caller's beta; later ones add to what it wrote.
                float beta = pc == 0 ? t.beta() : 1f;
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    SgemmPacking.packA(t, ic, mc, pc, kc, mr, packedA);
                    int cIndex = t.cOffset() + ic * t.ldc() + jc;
                    macroKernel(vector, mr, nr, kc, mc, nc, packedA, packedB, t.c(), cIndex, t.ldc(), beta, tile);
                }
            }
        }
    }

    /** All register tiles of one mc x nc block of C; edge tiles go through {@code tile} and are clipped. */
    private static void macroKernel(boolean vector, int mr, int nr, int kc, int mc, int nc, float[] packedA,
                                    float[] packedB, float[] c, int cBase, int ldc, float beta, float[] tile) {
        for (int j0 = 0; j0 < nc; j0 += nr) {
            int cols = Math.min(nr, nc - j0);
            for (int i0 = 0; i0 < mc; i0 += mr) {
                int rows = Math.min(mr, mc - i0);
                int cIndex = cBase + i0 * ldc + j0;
                if (rows == mr && cols == nr) {
                    kernel(vector, kc, packedA, i0 * kc, packedB, j0 * kc, c, cIndex, ldc, beta);
                } else {
                    kernel(vector, kc, packedA, i0 * kc, packedB, j0 * kc, tile, 0, nr, 0f);
                    for (int i = 0; i < rows; i++) {
                        int row = cIndex + i * ldc;
                        for (int j = 0; j < cols; j++) {
                            c[row + j] = tile[i * nr + j] + (beta == 0 ? 0f : beta * c[row + j]);
                        }
                    }
                }
            }
        }
    }

    /** Calls one of the two micro-kernels directly, so each call site stays monomorphic and inlinable. */
    private static void kernel(boolean vector, int kc, float[] a, int aIndex, float[] b, int bIndex,
                               float[] c, int cIndex, int ldc, float beta) {
        if (vector) {
            SgemmVector.kernel(kc, a, aIndex, b, bIndex, c, cIndex, ldc, beta);
        } else {
            SgemmScalar.kernel(kc, a, aIndex, b, bIndex, c, cIndex, ldc, beta);
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's packing buffers, grown on demand and kept for its next call. */
    private static final class Workspace {
        private float[] packedA = new float[0], packedB = new float[0], tile = new float[0];

        float[] packedA(int size) {
            if (packedA.length < size) packedA = new float[size];
            return packedA;
        }

        float[] packedB(int size) {
            if (packedB.length < size) packedB = new float[size];
            return packedB;
        }

        float[] tile(int size) {
            if (tile.length < size) tile = new float[size];
            return tile;
        }
    }
}
