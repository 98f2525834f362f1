package fovea.kernel;

/**
 * Distances between every row of a query block x [rows, dim] and every row of a reference block y [cols, dim],
 * written to out [rows, cols] with leading dim {@code ldo}: L1 (sum of absolute differences) and squared L2.
 *
 * <p>Squared L2 goes through SGEMM as |x|^2 - 2 x.y + |y|^2 (one product of the two blocks, then the norms added),
 * which is fast but loses precision where the distance is small next to the norms: callers that need exact ranks
 * recompute the few distances they keep with {@link #squaredL2Exact}. L1 has no such product; it is a blocked,
 * register-tiled Vector API loop (2 queries x 4 references per tile, a block of references kept in cache). Both
 * split the references over {@link Parallel}'s pool when the block is large, and run on the calling thread inside
 * a pool job. Every sum runs in a fixed order, so results do not depend on thread timing.
 */
public final class Distances {
    /** References per cache block of the L1 loop: 64 rows of 784 floats is 200 KB, which stays in L2. */
    static final int L1_BLOCK = 64;
    /** Blocks smaller than this many absolute differences are never split across threads. */
    private static final long PARALLEL_MIN_VOLUME = 1L << 21;

    private Distances() {}

    /** out[oo + i*ldo + j] = sum over d of |x[xo + i*dim + d] - y[yo + j*dim + d]|, summed in float. */
    public static void l1(float[] x, int xo, int rows, float[] y, int yo, int cols, int dim, float[] out, int oo, int ldo) {
        check("l1", x, xo, rows, y, yo, cols, dim, out, oo, ldo);
        if ((long) rows * cols * dim >= PARALLEL_MIN_VOLUME && cols >= 2 * L1_BLOCK) {
            Parallel.forRange(cols, L1_BLOCK, (from, to) ->
                    l1Range(x, xo, rows, y, yo + from * dim, to - from, dim, out, oo + from, ldo));
        } else {
            l1Range(x, xo, rows, y, yo, cols, dim, out, oo, ldo);
        }
    }

    private static void l1Range(float[] x, int xo, int rows, float[] y, int yo, int cols, int dim, float[] out, int oo, int ldo) {
        if (Simd.AVAILABLE) {
            VectorDistances.l1(x, xo, rows, y, yo, cols, dim, out, oo, ldo);
        } else {
            l1Plain(x, xo, rows, y, yo, cols, dim, out, oo, ldo);
        }
    }

    /** The plain loop of {@link #l1}: the test oracle and the path without the Vector API. */
    public static void l1Plain(float[] x, int xo, int rows, float[] y, int yo, int cols, int dim, float[] out, int oo, int ldo) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float sum = 0;
                for (int d = 0; d < dim; d++) sum += Math.abs(x[xo + i * dim + d] - y[yo + j * dim + d]);
                out[oo + i * ldo + j] = sum;
            }
        }
    }

    /**
     * out[oo + i*ldo + j] = max(0, xNorms[i] - 2 x_i.y_j + yNorms[yn + j]): squared L2 distances through one SGEMM.
     * The norms are those of {@link #squaredNorms}; negative results of rounding are clamped to 0.
     */
    public static void squaredL2(float[] x, int xo, int rows, float[] xNorms, int xn, float[] y, int yo, int cols,
                                 float[] yNorms, int yn, int dim, float[] out, int oo, int ldo) {
        check("squaredL2", x, xo, rows, y, yo, cols, dim, out, oo, ldo);
        if (xn < 0 || xn + rows > xNorms.length || yn < 0 || yn + cols > yNorms.length) {
            throw new IllegalArgumentException("squaredL2: norms must cover the rows; got " + xNorms.length + " from "
                    + xn + " for " + rows + " rows and " + yNorms.length + " from " + yn + " for " + cols + " rows");
        }
        if (dim == 0) {
            for (int i = 0; i < rows; i++) java.util.Arrays.fill(out, oo + i * ldo, oo + i * ldo + cols, 0f);
            return;
        }
        Sgemm.sgemm(false, true, rows, cols, dim, -2f, x, xo, dim, y, yo, dim, 0f, out, oo, ldo);
        for (int i = 0; i < rows; i++) {
            float xNorm = xNorms[xn + i];
            int row = oo + i * ldo;
            for (int j = 0; j < cols; j++) out[row + j] = Math.max(0f, out[row + j] + xNorm + yNorms[yn + j]);
        }
    }

    /** The plain loop of squared L2 distances, each accumulated in double and rounded once: the test oracle. */
    public static void squaredL2Plain(float[] x, int xo, int rows, float[] y, int yo, int cols, int dim, float[] out, int oo, int ldo) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) out[oo + i * ldo + j] = (float) squaredL2Exact(x, xo + i * dim, y, yo + j * dim, dim);
        }
    }

    /** out[oo + i] = |x_i|^2 for the rows of x [rows, dim], accumulated in double. */
    public static void squaredNorms(float[] x, int xo, int rows, int dim, float[] out, int oo) {
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int d = xo + i * dim, end = d + dim; d < end; d++) sum += (double) x[d] * x[d];
            out[oo + i] = (float) sum;
        }
    }

    /** The L1 distance of two rows of length dim, in double: exact for values of up to 2^20 with few bits each. */
    public static double l1Exact(float[] x, int xo, float[] y, int yo, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) sum += Math.abs((double) x[xo + d] - y[yo + d]);
        return sum;
    }

    /** The squared L2 distance of two rows of length dim, as a sum of squared differences in double. */
    public static double squaredL2Exact(float[] x, int xo, float[] y, int yo, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            double difference = (double) x[xo + d] - y[yo + d];
            sum += difference * difference;
        }
        return sum;
    }

    private static void check(String op, float[] x, int xo, int rows, float[] y, int yo, int cols, int dim,
                              float[] out, int oo, int ldo) {
        if (rows < 0 || cols < 0 || dim < 0 || ldo < cols) {
            throw new IllegalArgumentException(String.format("%s: expected rows, cols, dim >= 0 and ldo >= cols; "
                    + "got rows=%d, cols=%d, dim=%d, ldo=%d", op, rows, cols, dim, ldo));
        }
        if (xo < 0 || xo + (long) rows * dim > x.length || yo < 0 || yo + (long) cols * dim > y.length
                || oo < 0 || (rows > 0 && oo + (long) (rows - 1) * ldo + cols > out.length)) {
            throw new IllegalArgumentException(String.format("%s: arrays too short for x [%d, %d] at %d, y [%d, %d] at %d, "
                    + "out [%d, %d] at %d with ldo %d; got lengths %d, %d, %d", op, rows, dim, xo, cols, dim, yo, rows, cols,
                    oo, ldo, x.length, y.length, out.length));
        }
    }
}
