package fovea.classic;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix, in double. {@link #decompose} reduces the matrix to
 * tridiagonal form by Householder reflections and then runs the implicit symmetric QR algorithm with Wilkinson
 * shifts (Golub and Van Loan, ch. 8), about 10 n^3 flops: under two seconds for the 784 x 784 covariance of
 * Fashion-MNIST. {@link #jacobi} is the plain method beside it (cyclic Jacobi rotations, each zeroing one
 * off-diagonal pair; simple and accurate to the last digits, but an order of magnitude slower at that size), the test
 * oracle.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 60;

    /** Eigenvalues in descending order and the matching unit eigenvectors as rows, {@code vectors[i*n + j]}. */
    public record Result(double[] values, double[] vectors, int n) {}

    private SymmetricEigen() {}

    /**
     * The eigen-decomposition of the symmetric n x n matrix {@code a} (row-major; only read). Each eigenvector's sign
     * makes its entry of largest magnitude positive (scikit-learn's svd_flip convention for components).
     */
    public static Result decompose(double[] a, int n) {
        check(a, n);
        double[] m = a.clone();
        double[] vectors = new double[n * n];          // Qᵀ of A = Q T Qᵀ, then rotated with T's eigenvectors
        double[] diagonal = new double[n];
        double[] off = new double[Math.max(0, n - 1)];
        Tridiagonal.reduce(m, n, vectors, diagonal, off);
        Tridiagonal.implicitQr(diagonal, off, vectors, n);
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) t[i * n + i] = diagonal[i];
        return sorted(t, vectors, n);
    }

    /** The same decomposition by cyclic Jacobi rotations: the plain method and the test oracle. */
    public static Result jacobi(double[] a, int n) {
        check(a, n);
        double[] m = a.clone();
        double[] v = new double[n * n];                  // rows are the eigenvectors: Vᵀ, rotated row by row
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        double scale = 0;
        for (double x : m) scale += x * x;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
            if (off <= 1e-30 * scale) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) continue;
                    if (sweep > 3 && Math.abs(apq) < 1e-18 * Math.sqrt(Math.abs(m[p * n + p] * m[q * n + q]))) {
                        m[p * n + q] = m[q * n + p] = 0;    // below the last digit of both diagonal entries
                        continue;
                    }
                    rotate(m, v, n, p, q);
                }
            }
        }
        return sorted(m, v, n);
    }

    private static void check(double[] a, int n) {
        if (n < 0 || a.length != n * n) {
            throw new IllegalArgumentException("SymmetricEigen: expected " + n + " x " + n + " = " + n * n
                    + " values; got " + a.length);
        }
    }

    /** One Jacobi rotation J(p, q, theta) with Jᵀ A J zeroing a_pq: rows p and q, then the matching columns. */
    private static void rotate(double[] m, double[] v, int n, int p, int q) {
        double apq = m[p * n + q];
        double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int rp = p * n, rq = q * n;
        double app = m[rp + p], aqq = m[rq + q];
        for (int k = 0; k < n; k++) {
            double x = m[rp + k], y = m[rq + k];
            m[rp + k] = c * x - s * y;
            m[rq + k] = s * x + c * y;
        }
        for (int k = 0; k < n; k++) {                    // symmetry: the columns are the rows just computed
            m[k * n + p] = m[rp + k];
            m[k * n + q] = m[rq + k];
        }
        m[rp + p] = app - t * apq;                        // the exact diagonal of the rotated 2x2 block
        m[rq + q] = aqq + t * apq;
        m[rp + q] = m[rq + p] = 0;
        for (int k = 0; k < n; k++) {
            double x = v[rp + k], y = v[rq + k];
            v[rp + k] = c * x - s * y;
            v[rq + k] = s * x + c * y;
        }
    }

    private static Result sorted(double[] m, double[] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(m[j * n + j], m[i * n + i]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            values[r] = m[i * n + i];
            int largest = 0;
            for (int j = 1; j < n; j++) if (Math.abs(v[i * n + j]) > Math.abs(v[i * n + largest])) largest = j;
            double sign = v[i * n + largest] < 0 ? -1 : 1;
            for (int j = 0; j < n; j++) vectors[r * n + j] = sign * v[i * n + j];
        }
        return new Result(values, vectors, n);
    }
}
