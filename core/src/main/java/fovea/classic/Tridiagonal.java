package fovea.classic;

/**
 * The two halves of {@link SymmetricEigen#decompose}: Householder reduction of a symmetric matrix to tridiagonal form,
 * and the implicit symmetric QR algorithm on the tridiagonal matrix. Eigenvectors are kept as rows (Qᵀ), so that every
 * rotation and reflection updates contiguous rows.
 */
final class Tridiagonal {
    private static final double EPS = Math.ulp(1.0);

    private Tridiagonal() {}

    /**
     * Reduces the symmetric m (n x n, overwritten) to T = Qᵀ m Q with diagonal d and off-diagonal e, and writes Qᵀ
     * to qt. Step k reflects coordinates k+1.. so that row k of the remaining block has one entry below the diagonal.
     */
    static void reduce(double[] m, int n, double[] qt, double[] d, double[] e) {
        for (int i = 0; i < n; i++) qt[i * n + i] = 1;
        double[] v = new double[n];
        double[] p = new double[n];
        double[] u = new double[n];
        for (int k = 0; k + 2 < n; k++) {
            int len = n - k - 1, first = k + 1;
            double norm = 0;
            for (int i = 0; i < len; i++) norm += m[k * n + first + i] * m[k * n + first + i];
            norm = Math.sqrt(norm);
            if (norm == 0) continue;                                     // already reduced: H = I
            double x0 = m[k * n + first];
            double alpha = x0 > 0 ? -norm : norm;                        // the sign that avoids cancellation
            for (int i = 0; i < len; i++) v[i] = m[k * n + first + i];
            v[0] -= alpha;
            double vNorm = 0;
            for (int i = 0; i < len; i++) vNorm += v[i] * v[i];
            vNorm = Math.sqrt(vNorm);
            for (int i = 0; i < len; i++) v[i] /= vNorm;
            // H A22 H = A22 - 2 (v wᵀ + w vᵀ) with p = A22 v, w = p - (vᵀp) v
            double vp = 0;
            for (int i = 0; i < len; i++) {
                double sum = 0;
                int row = (first + i) * n + first;
                for (int j = 0; j < len; j++) sum += m[row + j] * v[j];
                p[i] = sum;
                vp += v[i] * sum;
            }
            for (int i = 0; i < len; i++) p[i] -= vp * v[i];
            for (int i = 0; i < len; i++) {
                int row = (first + i) * n + first;
                double vi = 2 * v[i], pi = 2 * p[i];
                for (int j = 0; j < len; j++) m[row + j] -= vi * p[j] + pi * v[j];
            }
            for (int i = 0; i < len; i++) m[k * n + first + i] = m[(first + i) * n + k] = 0;
            m[k * n + first] = m[first * n + k] = alpha;
            // Qᵀ = H_k ... H_0: reflect rows first.. of the accumulated product
            java.util.Arrays.fill(u, 0);
            for (int i = 0; i < len; i++) {
                int row = (first + i) * n;
                for (int j = 0; j < n; j++) u[j] += v[i] * qt[row + j];
            }
            for (int i = 0; i < len; i++) {
                int row = (first + i) * n;
                double vi = 2 * v[i];
                for (int j = 0; j < n; j++) qt[row + j] -= vi * u[j];
            }
        }
        for (int i = 0; i < n; i++) d[i] = m[i * n + i];
        for (int i = 0; i + 1 < n; i++) e[i] = m[i * n + i + 1];
    }

    /**
     * Diagonalizes the tridiagonal (d, e) in place by implicit QR steps with Wilkinson shifts, chasing the bulge down
     * with Givens rotations that are also applied to the rows of qt; off-diagonal entries below the rounding of their
     * neighbours are set to zero, which splits the problem.
     */
    static void implicitQr(double[] d, double[] e, double[] qt, int n) {
        int hi = n - 1;
        int steps = 0;
        while (hi > 0) {
            if (Math.abs(e[hi - 1]) <= EPS * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && Math.abs(e[lo - 1]) > EPS * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) lo--;
            if (++steps > 60 * n) throw new IllegalStateException("SymmetricEigen: the QR iteration did not converge");
            step(d, e, qt, n, lo, hi);
        }
    }

    /** One shifted QR step on the unreduced block lo..hi. */
    private static void step(double[] d, double[] e, double[] qt, int n, int lo, int hi) {
        double half = (d[hi - 1] - d[hi]) / 2;
        double b = e[hi - 1];
        double mu = d[hi] - b * b / (half + (half >= 0 ? 1 : -1) * Math.hypot(half, b));
        double x = d[lo] - mu, z = e[lo];
        for (int k = lo; k < hi; k++) {
            double r = Math.hypot(x, z);
            double c = r == 0 ? 1 : x / r, s = r == 0 ? 0 : -z / r;
            if (k > lo) e[k - 1] = r;                                     // the bulge at (k-1, k+1) is now zero
            double ak = d[k], ak1 = d[k + 1], bk = e[k];
            d[k] = c * c * ak - 2 * c * s * bk + s * s * ak1;
            d[k + 1] = s * s * ak + 2 * c * s * bk + c * c * ak1;
            e[k] = c * s * (ak - ak1) + (c * c - s * s) * bk;
            if (k + 1 < hi) {
                z = -s * e[k + 1];                                        // the new bulge at (k, k+2)
                e[k + 1] = c * e[k + 1];
                x = e[k];
            }
            int rk = k * n, rk1 = (k + 1) * n;
            for (int j = 0; j < n; j++) {
                double y0 = qt[rk + j], y1 = qt[rk1 + j];
                qt[rk + j] = c * y0 - s * y1;
                qt[rk1 + j] = s * y0 + c * y1;
            }
        }
    }
}
