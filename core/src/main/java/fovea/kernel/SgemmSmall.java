package fovea.kernel;

/**
 * The path for tiny and degenerate products, where packing panels and running a 4 x 16 register tile cost
 * more than the arithmetic: plain loops, in the order that keeps the innermost loop long and contiguous.
 */
final class SgemmSmall {
    /**
     * Up to this many multiply-adds (m * n * k) the plain loop wins. Measured on Zen 3 (AVX2): 5^3 took 181 ns
     * here against 245 ns blocked, 6^3 305 against 273, and by 16^3 the blocked path is six times faster.
     */
    static final long MAX_VOLUME = 128;

    private SgemmSmall() {}

    /**
     * True when the plain loop is the faster choice for an m x n x k product: tiny ones, and the thin shapes
     * where most of a 4 x 16 tile would be padding, a single row (1 x 512 x 512: 98 us here, 102 blocked) or
     * one or two columns (512 x 1 x 512: 257 us as dot products, 257 blocked; 2 x 2 x 4096: 16 against 70).
     */
    static boolean suits(int m, int n, int k) {
        return (long) m * n * k <= MAX_VOLUME || m == 1 || n <= 2;
    }

    /** Computes the task with plain loops on the calling thread. */
    static void sgemm(SgemmTask task) {
        if (task.transB() || task.n() <= 2) {
            dotProducts(task);
        } else {
            rowUpdates(task);
        }
    }

    /** B not transposed: C[i, :] = beta * C[i, :] + sum_p (alpha * A[i, p]) * B[p, :], contiguous rows of B and C. */
    private static void rowUpdates(SgemmTask t) {
        float[] a = t.a(), b = t.b(), c = t.c();
        int n = t.n();
        for (int i = 0; i < t.m(); i++) {
            int cRow = t.cOffset() + i * t.ldc();
            float beta = t.beta();
            for (int j = cRow; j < cRow + n; j++) c[j] = beta == 0 ? 0f : beta * c[j];
            for (int p = 0; p < t.k(); p++) {
                float x = t.alpha() * (t.transA() ? a[t.aOffset() + p * t.lda() + i] : a[t.aOffset() + i * t.lda() + p]);
                int bRow = t.bOffset() + p * t.ldb();
                for (int j = 0; j < n; j++) c[cRow + j] += x * b[bRow + j];
            }
        }
    }

    /** B transposed, or only a column or two: each C[i, j] is a dot product of a row of op(A) and a column of op(B). */
    private static void dotProducts(SgemmTask t) {
        float[] a = t.a(), b = t.b(), c = t.c();
        int aStep = t.transA() ? t.lda() : 1;
        int bStep = t.transB() ? 1 : t.ldb();
        for (int i = 0; i < t.m(); i++) {
            int aStart = t.aOffset() + (t.transA() ? i : i * t.lda());
            for (int j = 0; j < t.n(); j++) {
                int bStart = t.bOffset() + (t.transB() ? j * t.ldb() : j);
                float sum = 0;
                for (int p = 0; p < t.k(); p++) sum += a[aStart + p * aStep] * b[bStart + p * bStep];
                int index = t.cOffset() + i * t.ldc() + j;
                c[index] = t.alpha() * sum + (t.beta() == 0 ? 0f : t.beta() * c[index]);
            }
        }
    }
}
