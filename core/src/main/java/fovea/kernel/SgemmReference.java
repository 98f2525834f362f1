package fovea.kernel;

/**
 * The plain triple loop for {@code C = alpha * op(A) * op(B) + beta * C}: the test oracle for {@link Sgemm}.
 *
 * <p>Each dot product is accumulated in double and rounded to float once, so its error is far below the fast
 * path's float accumulation and the comparison measures the fast path alone.
 */
public final class SgemmReference {
    private SgemmReference() {}

    /** Same contract and argument checks as {@link Sgemm#sgemm}, computed one element at a time. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        Sgemm.checkArguments(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float y = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += (double) x * y;
                }
                int index = cOffset + i * ldc + j;
                // beta == 0 ignores C entirely, as BLAS does, so NaN or garbage in C never leaks into the result.
                double scaled = beta == 0 ? 0 : (double) beta * c[index];
                c[index] = (float) (alpha * sum + scaled);
            }
        }
    }
}
