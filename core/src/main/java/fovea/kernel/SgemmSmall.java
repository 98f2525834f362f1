package fovea.kernel;

/**
 * The path for tiny products, where packing panels and calling a micro-kernel cost more than the arithmetic:
 * plain loops in the order that keeps the innermost loop contiguous, so C2 can vectorize it by itself.
 */
final class SgemmSmall {
    /**
     * Up to this many multiply-adds (m * n * k) the plain loop wins; measured on AVX2, where the blocked path
     * overtakes it between 16^3 and 24^3 (packing a 6-row panel of A and a 16-column panel of B is a fixed cost).
     */
    static final long MAX_VOLUME = 16 * 16 * 16;

    private SgemmSmall() {}

    /** True when the plain loop is the faster choice for an m x n x k product. */
    static boolean suits(int m, int n, int k) {
        return (long) m * n * k <= MAX_VOLUME;
    }

    /** Computes the task with plain loops on the calling thread. */
    static void sgemm(SgemmTask task) {
        if (task.transB()) {
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

    /** B transposed: each C[i, j] is a dot product of a row of op(A) with a row of the stored B. */
    private static void dotProducts(SgemmTask t) {
        float[] a = t.a(), b = t.b(), c = t.c();
        int aStep = t.transA() ? t.lda() : 1;
        for (int i = 0; i < t.m(); i++) {
            int aStart = t.aOffset() + (t.transA() ? i : i * t.lda());
            for (int j = 0; j < t.n(); j++) {
                int bRow = t.bOffset() + j * t.ldb();
                float sum = 0;
                for (int p = 0; p < t.k(); p++) sum += a[aStart + p * aStep] * b[bRow + p];
                int index = t.cOffset() + i * t.ldc() + j;
                c[index] = t.alpha() * sum + (t.beta() == 0 ? 0f : t.beta() * c[index]);
            }
        }
    }
}
