package fovea.kernel;

/**
 * One checked SGEMM call's arguments, and the sub-tasks that the parallel split hands to each thread: a band
 * of C's rows or columns is again an SGEMM, on shifted offsets.
 */
record SgemmTask(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                 float beta, float[] c, int cOffset, int ldc) {

    /** The task for rows [from, to) of op(A) and C. */
    SgemmTask rows(int from, int to) {
        int aShift = transA ? from : from * lda;
        return new SgemmTask(transA, transB, to - from, n, k, alpha, a, aOffset + aShift, lda,
                b, bOffset, ldb, beta, c, cOffset + from * ldc, ldc);
    }

    /** The task for columns [from, to) of op(B) and C. */
    SgemmTask columns(int from, int to) {
        int bShift = transB ? from * ldb : from;
        return new SgemmTask(transA, transB, m, to - from, k, alpha, a, aOffset, lda,
                b, bOffset + bShift, ldb, beta, c, cOffset + from, ldc);
    }
}
