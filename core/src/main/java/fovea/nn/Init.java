package fovea.nn;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Weight initializations of the course and PyTorch's nn.init. Fans follow PyTorch: for a weight
 * [out, in, k...], fanIn = in * prod(k) and fanOut = out * prod(k).
 */
public final class Init {
    private Init() {}

    /** The gain PyTorch's calculate_gain gives: sqrt(2) for relu, 1 for linear/sigmoid, 5/3 for tanh. */
    public static float gain(String nonlinearity) {
        return switch (nonlinearity) {
            case "linear", "identity", "sigmoid" -> 1f;
            case "relu" -> (float) Math.sqrt(2);
            case "tanh" -> 5f / 3;
            default -> throw new IllegalArgumentException("Init.gain: unknown nonlinearity \"" + nonlinearity
                    + "\"; expected one of linear, identity, sigmoid, relu, tanh");
        };
    }

    /** All zeros. */
    public static Tensor zeros(int... dims) {
        return Tensor.zeros(dims);
    }

    /** Every element equal to {@code value}. */
    public static Tensor constant(float value, int... dims) {
        return Tensor.full(value, dims);
    }

    /** U(low, high). */
    public static Tensor uniform(RandomGenerator random, float low, float high, int... dims) {
        if (!(low <= high)) throw new IllegalArgumentException("Init.uniform: expected low <= high; got " + low + ", " + high);
        return affineInPlace(Tensor.rand(random, dims), high - low, low);
    }

    /** N(mean, std^2). */
    public static Tensor normal(RandomGenerator random, float mean, float std, int... dims) {
        if (!(std >= 0)) throw new IllegalArgumentException("Init.normal: std must be >= 0; got " + std);
        return affineInPlace(Tensor.randn(random, dims), std, mean);
    }

    /**
     * x * scale + shift in place on a fresh tensor: the same float arithmetic as mul then add, without their two
     * temporaries (a 25088 x 4096 VGG weight is 411 MB; three copies of it at once crowded a 2 GB test heap).
     */
    private static Tensor affineInPlace(Tensor fresh, float scale, float shift) {
        fresh.updateInPlace(values -> {
            for (int i = 0; i < values.length; i++) values[i] = values[i] * scale + shift;
        });
        return fresh;
    }

    /** The course's first try: small random numbers, N(0, 0.01^2). */
    public static Tensor smallGaussian(RandomGenerator random, int... dims) {
        return normal(random, 0f, 0.01f, dims);
    }

    /** Glorot/Xavier uniform: U(-b, b) with b = gain * sqrt(6 / (fanIn + fanOut)). */
    public static Tensor xavierUniform(RandomGenerator random, float gain, int... dims) {
        float bound = (float) (gain * Math.sqrt(6.0 / (fanIn(dims) + fanOut(dims))));
        return uniform(random, -bound, bound, dims);
    }

    /** Glorot/Xavier normal: N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal(RandomGenerator random, float gain, int... dims) {
        return normal(random, 0f, (float) (gain * Math.sqrt(2.0 / (fanIn(dims) + fanOut(dims)))), dims);
    }

    /** He/Kaiming uniform over fanIn: U(-b, b) with b = gain * sqrt(3 / fanIn); gain sqrt(2) for relu. */
    public static Tensor kaimingUniform(RandomGenerator random, float gain, int... dims) {
        float bound = (float) (gain * Math.sqrt(3.0 / fanIn(dims)));
        return uniform(random, -bound, bound, dims);
    }

    /** He/Kaiming normal over fanIn: N(0, std^2) with std = gain / sqrt(fanIn). */
    public static Tensor kaimingNormal(RandomGenerator random, float gain, int... dims) {
        return normal(random, 0f, (float) (gain / Math.sqrt(fanIn(dims))), dims);
    }

    /**
     * Sparse init (Martens 2010, PyTorch's sparse_) for a 2-d weight [rows, columns]: in each column a fraction
     * {@code sparsity} of the rows is zero, the rest N(0, std^2).
     */
    public static Tensor sparse(RandomGenerator random, float sparsity, float std, int rows, int columns) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("Init.sparse: sparsity must be in [0, 1]; got " + sparsity);
        }
        float[] values = normal(random, 0f, std, rows, columns).toArray();
        int zeros = (int) Math.ceil(sparsity * rows);
        int[] order = new int[rows];
        for (int c = 0; c < columns; c++) {
            for (int i = 0; i < rows; i++) order[i] = i;
            for (int i = 0; i < zeros; i++) {                 // a partial Fisher-Yates shuffle picks the zero rows
                int j = i + random.nextInt(rows - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                values[order[i] * columns + c] = 0f;
            }
        }
        return Tensor.of(values, rows, columns);
    }

    /** in * prod(kernel) for a weight [out, in, kernel...]; the length for a 1-d tensor. */
    public static int fanIn(int... dims) {
        if (dims.length == 0) throw new IllegalArgumentException("Init: a fan needs at least one dim; got []");
        if (dims.length == 1) return dims[0];
        return dims[1] * receptiveField(dims);
    }

    /** out * prod(kernel) for a weight [out, in, kernel...]. */
    public static int fanOut(int... dims) {
        if (dims.length == 0) throw new IllegalArgumentException("Init: a fan needs at least one dim; got []");
        if (dims.length == 1) return dims[0];
        return dims[0] * receptiveField(dims);
    }

    private static int receptiveField(int[] dims) {
        int field = 1;
        for (int d = 2; d < dims.length; d++) field *= dims[d];
        return field;
    }
}
