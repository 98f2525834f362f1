package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * AlexNet's colour augmentation ("fancy PCA", Krizhevsky et al. 2012): adds sum_i alpha_i * lambda_i * p_i to every
 * pixel of an RGB image [3, H, W], with alpha_i ~ N(0, std^2) drawn once per image and (lambda_i, p_i) the
 * eigenvalues and unit eigenvectors of the 3x3 covariance of RGB pixel values over the training set, which
 * {@link #fit} computes. The same shift goes to every pixel, so differences within the image are kept; the result is
 * not clamped. As in the paper the shift is in units of the eigenvalues, variances of the pixel values: with values
 * in [0, 1] it is small, a few hundredths along the first component for natural images.
 */
public final class PcaColorNoise implements Transform {
    /** AlexNet's standard deviation of the alpha_i. */
    public static final double ALEXNET_STD = 0.1;

    private final double[] eigenvalues;
    private final double[][] eigenvectors;
    private final double std;

    /** The noise for eigenvalues lambda_i, eigenvectors p_i = {@code eigenvectors[i]} (RGB) and alphas of {@code std}. */
    public PcaColorNoise(double[] eigenvalues, double[][] eigenvectors, double std) {
        if (eigenvalues.length != 3 || eigenvectors.length != 3 || Arrays.stream(eigenvectors).anyMatch(p -> p.length != 3)) {
            throw new IllegalArgumentException("PcaColorNoise: expected 3 eigenvalues and 3 eigenvectors of 3 components; got "
                    + Arrays.toString(eigenvalues) + " and " + Arrays.deepToString(eigenvectors));
        }
        if (!(std >= 0) || Double.isInfinite(std) || Arrays.stream(eigenvalues).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("PcaColorNoise: std must be finite and >= 0 and eigenvalues finite; got std="
                    + std + ", eigenvalues " + Arrays.toString(eigenvalues));
        }
        this.eigenvalues = eigenvalues.clone();
        this.eigenvectors = Arrays.stream(eigenvectors).map(double[]::clone).toArray(double[][]::new);
        this.std = std;
    }

    /** The principal components of the training set's RGB pixels, with AlexNet's std 0.1 for the alphas. */
    public static PcaColorNoise fit(Dataset<Example> train) {
        double[][] covariance = covariance(train);
        Eigen eigen = symmetricEigen(covariance);
        return new PcaColorNoise(eigen.values(), eigen.vectors(), ALEXNET_STD);
    }

    /** The same components with alphas of standard deviation {@code value}. */
    public PcaColorNoise withStd(double value) {
        return new PcaColorNoise(eigenvalues, eigenvectors, value);
    }

    /** The eigenvalues lambda_i of the pixel covariance, largest first. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The unit eigenvectors p_i (R, G, B), one per row, in the order of {@link #eigenvalues()}. */
    public double[][] eigenvectors() {
        return Arrays.stream(eigenvectors).map(double[]::clone).toArray(double[][]::new);
    }

    /** The standard deviation of the alphas. */
    public double std() {
        return std;
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        checkRgb("PcaColorNoise", image, -1);
        double[] shift = new double[3];
        for (int i = 0; i < 3; i++) {
            double weight = std * random.nextGaussian() * eigenvalues[i];
            for (int c = 0; c < 3; c++) shift[c] += weight * eigenvectors[i][c];
        }
        float[] values = image.toArray();
        int plane = values.length / 3;
        for (int c = 0; c < 3; c++) {
            float add = (float) shift[c];
            for (int j = c * plane; j < (c + 1) * plane; j++) values[j] += add;
        }
        return Tensor.of(values, image.shape());
    }

    /** The population covariance (divided by the pixel count) of RGB values over all pixels of all examples. */
    static double[][] covariance(Dataset<Example> train) {
        if (train.size() == 0) throw new IllegalArgumentException("PcaColorNoise.fit: the training set is empty");
        double[] sum = new double[3];
        long count = 0;
        for (int i = 0; i < train.size(); i++) {
            Tensor image = train.get(i).features();
            checkRgb("PcaColorNoise.fit", image, i);
            float[] values = image.toArray();
            int plane = values.length / 3;
            for (int c = 0; c < 3; c++) for (int j = 0; j < plane; j++) sum[c] += values[c * plane + j];
            count += plane;
        }
        double[] mean = {sum[0] / count, sum[1] / count, sum[2] / count};
        // A second pass over centred values: sum(x y) - n mean_x mean_y would cancel badly for near-constant colours.
        double rr = 0, rg = 0, rb = 0, gg = 0, gb = 0, bb = 0;
        for (int i = 0; i < train.size(); i++) {
            float[] values = train.get(i).features().toArray();
            int plane = values.length / 3;
            for (int j = 0; j < plane; j++) {
                double r = values[j] - mean[0];
                double g = values[plane + j] - mean[1];
                double b = values[2 * plane + j] - mean[2];
                rr += r * r;
                rg += r * g;
                rb += r * b;
                gg += g * g;
                gb += g * b;
                bb += b * b;
            }
        }
        double[][] covariance = {{rr, rg, rb}, {rg, gg, gb}, {rb, gb, bb}};
        for (double[] row : covariance) for (int q = 0; q < 3; q++) row[q] /= count;
        return covariance;
    }

    /** Eigenvalues, largest first, and unit eigenvectors (rows, largest component positive) of a symmetric matrix. */
    record Eigen(double[] values, double[][] vectors) {}

    /**
     * The eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations: each rotation zeroes one
     * off-diagonal entry, and the off-diagonal mass falls quadratically, so a handful of sweeps reach double precision.
     */
    static Eigen symmetricEigen(double[][] matrix) {
        int n = matrix.length;
        double[][] a = Arrays.stream(matrix).map(double[]::clone).toArray(double[][]::new);
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 64 && offDiagonal(a) > 1e-30 * (1 + diagonal(a)); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) rotate(a, v, p, q);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = a[order[k]][order[k]];
            int largest = 0;
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][order[k]];
                if (Math.abs(vectors[k][i]) > Math.abs(vectors[k][largest])) largest = i;
            }
            // An eigenvector's sign is arbitrary; fixing it makes fit's result the same on every machine.
            if (vectors[k][largest] < 0) for (int i = 0; i < n; i++) vectors[k][i] = -vectors[k][i];
        }
        return new Eigen(values, vectors);
    }

    /** A := J^T A J and V := V J for the rotation J in the (p, q) plane that makes A[p][q] zero. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        // The smaller root of t^2 + 2 theta t - 1 = 0 keeps the rotation under 45 degrees; hypot avoids overflow.
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) { // A := A J, columns p and q
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) { // A := J^T A, rows p and q
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a.length; j++) if (i != j) sum += a[i][j] * a[i][j];
        return sum;
    }

    private static double diagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i][i] * a[i][i];
        return sum;
    }

    private static void checkRgb(String op, Tensor image, int index) {
        if (image.rank() != 3 || image.size(0) != 3) {
            throw new IllegalArgumentException(op + ": PCA colour noise needs RGB images" + (index < 0 ? "" : ", and example "
                    + index + " is not one") + "; got " + image.shape() + ", expected [3, H, W]");
        }
    }

    @Override public String toString() {
        return "PcaColorNoise(eigenvalues=" + Arrays.toString(eigenvalues) + ", std=" + std + ")";
    }
}
