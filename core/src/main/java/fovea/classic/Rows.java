package fovea.classic;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Picking rows of a feature matrix and their labels by index, and seeded shuffles of row indices. */
final class Rows {
    private Rows() {}

    /** The rows of x [N, D] at {@code indices}, in that order, [indices.length, D]. */
    static Tensor select(Tensor x, int[] indices) {
        float[] index = new float[indices.length];
        for (int i = 0; i < index.length; i++) index[i] = indices[i];
        return x.indexSelect(0, Tensor.of(index));
    }

    /** values[indices[i]] for each i. */
    static int[] gather(int[] values, int[] indices) {
        int[] result = new int[indices.length];
        for (int i = 0; i < indices.length; i++) result[i] = values[indices[i]];
        return result;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
