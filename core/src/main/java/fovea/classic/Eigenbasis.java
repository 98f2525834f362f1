package fovea.classic;

import fovea.tensor.Tensor;

/**
 * The principal axes of training rows x [N, D]: their mean, and the eigenvalues (descending) and unit eigenvectors
 * (rows) of their covariance (centred, divided by N - 1 as scikit-learn's PCA). The covariance product runs through
 * SGEMM in float on centred rows; the eigen-decomposition in double.
 */
record Eigenbasis(Tensor mean, double[] values, double[] vectors, int features) {
    static Eigenbasis fit(String op, Tensor x) {
        Centering.checkRows(op, x, -1);
        if (x.size(0) < 2) throw new IllegalArgumentException(op + ": expected at least 2 rows; got " + x.shape());
        Tensor mean = Centering.meanOf(x);
        Tensor centred = x.sub(mean);
        float[] covariance = centred.transpose(0, 1).matmul(centred).toArray();
        int d = x.size(1);
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) c[i * d + j] = (covariance[i * d + j] + covariance[j * d + i]) / 2.0 / (x.size(0) - 1);
        }
        SymmetricEigen.Result eigen = SymmetricEigen.decompose(c, d);
        double[] values = eigen.values();
        for (int i = 0; i < d; i++) values[i] = Math.max(0, values[i]);    // rounding can leave -1e-9 for a flat axis
        return new Eigenbasis(mean, values, eigen.vectors(), d);
    }

    /** The total variance: the sum of all eigenvalues, the trace of the covariance. */
    double total() {
        double sum = 0;
        for (double v : values) sum += v;
        return sum;
    }

    /** The first n eigenvectors as rows, [n, D], each row scaled by {@code scales[i]} (null: 1). */
    Tensor rows(int n, double[] scales) {
        float[] out = new float[n * features];
        for (int i = 0; i < n; i++) {
            double scale = scales == null ? 1 : scales[i];
            for (int j = 0; j < features; j++) out[i * features + j] = (float) (vectors[i * features + j] * scale);
        }
        return Tensor.of(out, n, features);
    }
}
