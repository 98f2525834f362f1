package fovea.kernel;

/**
 * Single-precision matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on row-major arrays with
 * leading dimensions, as BLAS's SGEMM.
 *
 * <p>Three paths, chosen by size alone: a plain loop for tiny products (where packing would cost more than it
 * saves), and above that a cache-blocked, packed GEMM with a Vector API micro-kernel ({@link SgemmDriver}),
 * split over {@link Parallel}'s pool once the product is large enough to pay for the hand-off. Without the
 * Vector API the blocked path runs a scalar micro-kernel. The partition into per-thread blocks depends only on
 * the sizes and the thread count, and every element sums over k in the same blocked order whatever the
 * partition, so results do not depend on thread timing (nor, in fact, on the thread count).
 */
public final class Sgemm {
    private Sgemm() {}

    /**
     * C = alpha * op(A) * op(B) + beta * C; op(A) is m x k, op(B) is k x n, all row-major with leading dims.
     * If {@code transA}, A is stored k x m with leading dim {@code lda} (likewise B); C is m x n with leading
     * dim {@code ldc}. With {@code beta == 0} C is only written, never read, so NaN in it does not propagate.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        checkArguments(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        SgemmTask task = new SgemmTask(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
        run(task, Simd.AVAILABLE, Parallel.threads(), SgemmDriver.PARALLEL_MIN_VOLUME);
    }

    /**
     * op(B), k x n, packed once into the layout the blocked kernel reads, for many products with the same B: a
     * recurrent layer's hidden-to-hidden weight, multiplied at every time step. Built by {@link #pack}; it holds a
     * copy, so later changes to B are not seen.
     */
    public static final class PackedB {
        private final float[] data;
        private final int k;
        private final int n;
        private final boolean vector;

        private PackedB(float[] data, int k, int n, boolean vector) {
            this.data = data;
            this.k = k;
            this.n = n;
            this.vector = vector;
        }

        /** Rows of op(B): the length of the sums. */
        public int k() {
            return k;
        }

        /** Columns of op(B). */
        public int n() {
            return n;
        }
    }

    /** op(B) (k x n; stored n x k when {@code transB}) packed for {@link #sgemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)}. */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
        checkSizes(0, n, k);
        checkOperand("B", transB, transB ? n : k, transB ? k : n, b, bOffset, ldb);
        float[] none = new float[0];
        SgemmTask task = new SgemmTask(false, transB, 0, n, k, 1f, none, 0, 1, b, bOffset, ldb, 0f, none, 0, 1);
        return new PackedB(SgemmDriver.packAll(task, Simd.AVAILABLE), k, n, Simd.AVAILABLE);
    }

    /** C = alpha * op(A) * B + beta * C with B packed by {@link #pack}: as the other sgemm, without packing B. */
    public static void sgemm(boolean transA, int m, float alpha, float[] a, int aOffset, int lda, PackedB b,
                             float beta, float[] c, int cOffset, int ldc) {
        int n = b.n, k = b.k;
        checkSizes(m, n, k);
        checkOperand("A", transA, transA ? k : m, transA ? m : k, a, aOffset, lda);
        checkOperand("C", false, m, n, c, cOffset, ldc);
        SgemmTask task = new SgemmTask(transA, false, m, n, k, alpha, a, aOffset, lda, b.data, 0, Math.max(1, n),
                beta, c, cOffset, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            scale(task);
            return;
        }
        long volume = (long) m * n * k;
        SgemmDriver.sgemmPacked(task, b.data, b.vector, volume < SgemmDriver.PARALLEL_MIN_VOLUME ? 1 : Parallel.threads());
    }

    /**
     * Runs a checked task on the path its size selects, splitting blocked products of at least
     * {@code parallelMinVolume} multiply-adds over up to {@code threads} threads; tests call it to pin the kernel
     * kind and to split small products.
     */
    static void run(SgemmTask task, boolean vector, int threads, long parallelMinVolume) {
        if (task.m() == 0 || task.n() == 0) return;
        if (task.k() == 0 || task.alpha() == 0) {
            scale(task);
        } else if (SgemmSmall.suits(task.m(), task.n(), task.k())) {
            SgemmSmall.sgemm(task);
        } else {
            SgemmDriver.sgemm(task, vector, (long) task.m() * task.n() * task.k() < parallelMinVolume ? 1 : threads);
        }
    }

    /** C = beta * C, with beta == 0 clearing C (NaN included). */
    private static void scale(SgemmTask task) {
        float beta = task.beta();
        float[] c = task.c();
        for (int i = 0; i < task.m(); i++) {
            int row = task.cOffset() + i * task.ldc();
            for (int j = row; j < row + task.n(); j++) c[j] = beta == 0 ? 0f : beta * c[j];
        }
    }

    /** The argument checks shared by every path, with messages that name the operand and show the sizes. */
    static void checkArguments(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                               float[] c, int cOffset, int ldc) {
        checkSizes(m, n, k);
        checkOperand("A", transA, transA ? k : m, transA ? m : k, a, aOffset, lda);
        checkOperand("B", transB, transB ? n : k, transB ? k : n, b, bOffset, ldb);
        checkOperand("C", false, m, n, c, cOffset, ldc);
    }

    private static void checkSizes(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(String.format(
                    "sgemm: m, n and k must be >= 0; got m=%d, n=%d, k=%d", m, n, k));
        }
    }

    /** Checks one stored matrix of rows x cols at offset with leading dim ld. */
    private static void checkOperand(String name, boolean trans, int rows, int cols, float[] array, int offset, int ld) {
        String stored = name + " (stored " + rows + " x " + cols + (name.equals("C") ? "" : ", trans" + name + "=" + trans) + ")";
        if (array == null) throw new IllegalArgumentException("sgemm: array for " + stored + " must not be null; got null");
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(String.format("sgemm: ld%s must be >= max(1, %d), the row length of %s; got %d",
                    name.toLowerCase(java.util.Locale.ROOT), cols, stored, ld));
        }
        if (offset < 0) throw new IllegalArgumentException("sgemm: offset of " + stored + " must be >= 0; got " + offset);
        if (rows == 0 || cols == 0) return;
        long end = offset + (long) (rows - 1) * ld + cols;
        if (end > array.length) {
            throw new IllegalArgumentException(String.format(
                    "sgemm: array for %s at offset %d with ld%s=%d is too short; got length %d, expected >= %d",
                    stored, offset, name.toLowerCase(java.util.Locale.ROOT), ld, array.length, end));
        }
    }
}
