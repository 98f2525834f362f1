package fovea.kernel;

import java.util.function.IntConsumer;

/**
 * The cache-blocked GEMM loops (Goto's algorithm, as in BLIS and OpenBLAS) and the split over threads.
 *
 * <p>Loop nest, outermost first: nc columns of op(B) (the packed kc x nc block of B stays in L3), kc steps of
 * the sum (the block of B is packed once per kc step), mc rows of op(A) (the packed mc x kc block of A stays in
 * L2), then the macro-kernel: nr-column panels of B (one panel, kc x nr, in L1 or L2) times mr-row panels of
 * A, each an mr x nr register tile.
 *
 * <p>Threads split C into bands of whole register tiles along its longer side (in tiles) and run this blocked
 * loop independently on each band, with their own packing buffers; threads splitting by rows share one B, packed
 * by all of them before the split when it is small ({@link #SHARED_B_MAX}). The band boundaries depend only on the
 * sizes and the thread count; the kc blocking depends only on k, so each element of C is summed in the same
 * order whatever the split.
 */
final class SgemmDriver {
    /**
     * Most steps of k per packed block. Large, because every k block costs a pass over C (load, add, store of
     * lines the prefetchers do not see coming), and on Zen 3 that pass cost more than the B panel's spilling
     * from L1 into L2 (kc x 16 floats = 64 KiB at 1024): sq1024 ran at 68 GFLOPS with 256, 80 with 1024. k is
     * then split evenly (k = 2048 as 2 x 1024, k = 1100 as 2 x 550) so no thin last block costs a full pass.
     */
    static final int KC = Integer.getInteger("fovea.gemm.kc", 1024);
    /**
     * Most rows of op(A) per packed block: 32 x 1024 floats = 128 KiB of L2. Small: measured 5-15% faster than
     * the textbook 144 on the square shapes, most likely because the tiles of one B panel walk down these rows
     * of C, one memory stream per row, and the hardware prefetcher follows a few dozen streams but not 144.
     */
    static final int MC = Integer.getInteger("fovea.gemm.mc", 32);
    /** Most columns of op(B) per packed block: 1024 x 1024 floats = 4 MiB, a share of the L3. */
    static final int NC = 1024;
    /**
     * Below this many multiply-adds (m * n * k) one thread does the whole product (the system property
     * fovea.gemm.parallelMinVolume overrides it, for measuring). With the executor-based pool a fork-join cost
     * 40-120 us and the split paid only from about 24 million; since the pool's workers spin briefly between
     * calls the hand-off costs a few microseconds: on 2 threads 256^3 went from 63 GFLOPS (single) to 74 with a
     * 4 million threshold and 95 with 1 million, but LeNet-5's small FC products (3 million) trained slower
     * split, so 4 million it is (single runs on a shared machine; a place to measure again).
     */
    static final long PARALLEL_MIN_VOLUME = Long.getLong("fovea.gemm.parallelMinVolume", 4_000_000L);
    /**
     * Most floats of op(B), padded to whole panels, that threads splitting C by rows pack once, together, before the
     * product ({@link #packAll}), instead of each packing all of B for its own rows. Packing is O(k n) against
     * the product's O(m k n) / threads, so it matters on the small squares: each of two threads spent about 15% of
     * a 256^3 product packing the whole of B. Larger B keeps the per-thread packing, which needs no buffer of
     * its size (the shared one, up to 4 MiB, stays with the calling thread for its next call).
     */
    static final int SHARED_B_MAX = 1 << 20;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SgemmDriver() {}

    /** Computes the task with the vector (or scalar) micro-kernel on up to {@code threads} threads. */
    static void sgemm(SgemmTask task, boolean vector, int threads) {
        split(task, vector, threads, null);
    }

    /**
     * C = alpha op(A) B + beta C with B already packed by {@link #packAll} (the task's B fields are not read): the
     * same loops and split as {@link #sgemm}, without packing B. For a weight multiplied at every step of a
     * recurrent layer, packed once per call instead of once per step.
     */
    static void sgemmPacked(SgemmTask task, float[] packedB, boolean vector, int threads) {
        split(task, vector, threads, packedB);
    }

    /** Runs the blocked loop on bands of C over up to {@code threads} threads; packedB is null or all of B packed. */
    private static void split(SgemmTask task, boolean vector, int threads, float[] packedB) {
        int mr = vector ? SgemmVector.MR : SgemmScalar.MR;
        int nr = vector ? SgemmVector.NR : SgemmScalar.NR;
        int rowTiles = ceilDiv(task.m(), mr);
        int columnTiles = ceilDiv(task.n(), nr);
        boolean byColumns = columnTiles >= rowTiles;
        int tiles = byColumns ? columnTiles : rowTiles;
        int parts = Math.min(threads, tiles);
        int paddedN = columnTiles * nr;                 // the width of a prepacked B
        if (parts <= 1) {
            blocked(task, vector, mr, nr, packedB, paddedN, 0);
            return;
        }
        float[] prepacked = packedB == null && !byColumns && (long) task.k() * paddedN <= SHARED_B_MAX
                ? packShared(task, vector, parts, paddedN) : packedB;
        int tileSize = byColumns ? nr : mr;
        int size = byColumns ? task.n() : task.m();
        Parallel.forEachChunk(parts, part -> {
            int from = (int) ((long) tiles * part / parts) * tileSize;
            int to = Math.min(size, (int) ((long) tiles * (part + 1) / parts) * tileSize);
            if (byColumns) {
                blocked(task.columns(from, to), vector, mr, nr, prepacked, paddedN, from);
            } else {
                blocked(task.rows(from, to), vector, mr, nr, prepacked, paddedN, 0);
            }
        });
    }

    /**
     * The blocked loop nest on the calling thread, with at most KC x MC x NC per block, packing each block of B; or,
     * when {@code prepacked} is all of B packed by {@link #packAll} (paddedN wide), reading its blocks there,
     * column0 being the task's first column in it.
     */
    private static void blocked(SgemmTask t, boolean vector, int mr, int nr, float[] prepacked, int paddedN, int column0) {
        int m = t.m(), n = t.n(), k = t.k();
        int kcMax = kcMax(k);
        int mcMax = Math.min(ceilDiv(m, mr), Math.max(1, MC / mr)) * mr;
        int ncMax = Math.min(ceilDiv(n, nr), Math.max(1, NC / nr)) * nr;
        Workspace workspace = WORKSPACE.get();
        float[] packedA = workspace.packedA(mcMax * kcMax);
        float[] packedB = prepacked != null ? prepacked : workspace.packedB(kcMax * ncMax);
        float[] tile = workspace.tile(mr * nr);
        // The kernels either overwrite C or add to it; any other beta is applied to C once, up front.
        if (t.beta() != 0 && t.beta() != 1) scaleC(t);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                int bBase = 0;
                if (prepacked == null) {
                    packB(t, vector, pc, kc, jc, nc, nr, packedB, 0);
                } else {
                    bBase = pc * paddedN + (column0 + jc) * kc;
                }
                boolean accumulate = pc > 0 || t.beta() != 0;
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    packA(t, vector, ic, mc, pc, kc, mr, packedA);
                    int cIndex = t.cOffset() + ic * t.ldc() + jc;
                    macroKernel(vector, mr, nr, kc, mc, nc, packedA, packedB, bBase, t.c(), cIndex, t.ldc(), accumulate, tile);
                }
            }
        }
    }

    /** Packs an mc x kc block of op(A) into dest; whole panels of an untransposed A by vector transposes. */
    private static void packA(SgemmTask t, boolean vector, int ic, int mc, int pc, int kc, int mr, float[] dest) {
        int vectorRows = vector && SgemmVector.VECTOR_PACK_A && !t.transA() ? mc / mr * mr : 0;
        if (vectorRows > 0) {
            SgemmVector.packA(t.a(), t.aOffset() + ic * t.lda() + pc, t.lda(), kc, vectorRows, t.alpha(), dest, 0);
        }
        if (vectorRows < mc) {
            SgemmPacking.packA(t, ic + vectorRows, mc - vectorRows, pc, kc, mr, dest, vectorRows * kc);
        }
    }

    /** Packs a kc x nc block of op(B) into dest from destOffset; whole panels of an untransposed B by vector copies. */
    private static void packB(SgemmTask t, boolean vector, int pc, int kc, int jc, int nc, int nr, float[] dest,
                              int destOffset) {
        int vectorCols = vector && !t.transB() ? nc / nr * nr : 0;
        if (vectorCols > 0) {
            SgemmVector.packB(t.b(), t.bOffset() + pc * t.ldb() + jc, t.ldb(), kc, vectorCols, dest, destOffset);
        }
        if (vectorCols < nc) {
            SgemmPacking.packB(t, pc, kc, jc + vectorCols, nc - vectorCols, nr, dest, destOffset + vectorCols * kc);
        }
    }

    /** The kc blocking of a sum of k steps: at most KC per block, split evenly. */
    static int kcMax(int k) {
        return ceilDiv(k, ceilDiv(k, KC));
    }

    /**
     * All of op(B) (k x n) packed for {@link #sgemmPacked}: for each kc block of k (see {@link #kcMax}), the
     * ceil(n / nr) panels of all n columns, so that the panel of column j of the block starting at step pc is at
     * pc * paddedN + j * kc, whatever the split over threads.
     */
    static float[] packAll(SgemmTask t, boolean vector) {
        int nr = vector ? SgemmVector.NR : SgemmScalar.NR;
        float[] packed = new float[t.k() * ceilDiv(t.n(), nr) * nr];
        packAll(t, vector, 1, packed);
        return packed;
    }

    /** All of B packed by {@code threads} threads into the calling thread's shared buffer (see {@link #SHARED_B_MAX}). */
    private static float[] packShared(SgemmTask task, boolean vector, int threads, int paddedN) {
        float[] packed = WORKSPACE.get().sharedB(task.k() * paddedN);
        packAll(task, vector, threads, packed);
        return packed;
    }

    /** {@link #packAll} into {@code packed}, the panels split over {@code threads} threads. */
    private static void packAll(SgemmTask t, boolean vector, int threads, float[] packed) {
        int nr = vector ? SgemmVector.NR : SgemmScalar.NR;
        int panels = ceilDiv(t.n(), nr);
        int paddedN = panels * nr;
        int kcMax = kcMax(t.k());
        int parts = Math.min(threads, panels);
        IntConsumer pack = part -> {
            int from = panels * part / parts * nr;
            int to = Math.min(t.n(), panels * (part + 1) / parts * nr);
            for (int pc = 0; pc < t.k(); pc += kcMax) {
                int kc = Math.min(kcMax, t.k() - pc);
                packB(t, vector, pc, kc, from, to - from, nr, packed, pc * paddedN + from * kc);
            }
        };
        if (parts <= 1) {
            pack.accept(0);
        } else {
            Parallel.forEachChunk(parts, pack);
        }
    }

    /** C = beta * C over the task's m x n block. */
    private static void scaleC(SgemmTask t) {
        float[] c = t.c();
        for (int i = 0; i < t.m(); i++) {
            int row = t.cOffset() + i * t.ldc();
            for (int j = row; j < row + t.n(); j++) c[j] *= t.beta();
        }
    }

    /** All register tiles of one mc x nc block of C; edge tiles go through {@code tile} and are clipped. */
    private static void macroKernel(boolean vector, int mr, int nr, int kc, int mc, int nc, float[] packedA,
                                    float[] packedB, int bBase, float[] c, int cBase, int ldc, boolean accumulate,
                                    float[] tile) {
        for (int j0 = 0; j0 < nc; j0 += nr) {
            int cols = Math.min(nr, nc - j0);
            int fullTiles = cols == nr ? mc / mr : 0;
            if (fullTiles > 0) {
                kernel(vector, kc, fullTiles, packedA, 0, packedB, bBase + j0 * kc, c, cBase + j0, ldc, accumulate);
            }
            for (int i0 = fullTiles * mr; i0 < mc; i0 += mr) {
                int rows = Math.min(mr, mc - i0);
                int cIndex = cBase + i0 * ldc + j0;
                kernel(vector, kc, 1, packedA, i0 * kc, packedB, bBase + j0 * kc, tile, 0, nr, false);
                for (int i = 0; i < rows; i++) {
                    int row = cIndex + i * ldc;
                    for (int j = 0; j < cols; j++) {
                        c[row + j] = accumulate ? c[row + j] + tile[i * nr + j] : tile[i * nr + j];
                    }
                }
            }
        }
    }

    /** Calls one of the two micro-kernels directly, so each call site stays monomorphic. */
    private static void kernel(boolean vector, int kc, int tiles, float[] a, int aIndex, float[] b, int bIndex,
                               float[] c, int cIndex, int ldc, boolean accumulate) {
        if (vector) {
            SgemmVector.kernel(kc, tiles, a, aIndex, b, bIndex, c, cIndex, ldc, accumulate);
        } else {
            SgemmScalar.kernel(kc, tiles, a, aIndex, b, bIndex, c, cIndex, ldc, accumulate);
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's packing buffers, grown on demand and kept for its next call. */
    private static final class Workspace {
        private float[] packedA = new float[0], packedB = new float[0], sharedB = new float[0], tile = new float[0];

        /** All of B packed for the threads of one call (see {@link #SHARED_B_MAX}); the calling thread's. */
        float[] sharedB(int size) {
            if (sharedB.length < size) sharedB = new float[size];
            return sharedB;
        }

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
