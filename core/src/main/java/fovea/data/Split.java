package fovea.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A dataset divided into a training part and a validation part, made by a seeded shuffle. */
public record Split<T>(Subset<T> train, Subset<T> validation) {
    /**
     * Shuffles the indices with {@code random} and holds out the first {@code validationSize} for validation, the
     * rest for training.
     */
    public static <T> Split<T> trainValidation(Dataset<T> data, int validationSize, RandomGenerator random) {
        if (validationSize < 1 || validationSize >= data.size()) {
            throw new IllegalArgumentException("Split.trainValidation: validationSize must be in 1.."
                    + (data.size() - 1) + " for " + data.size() + " examples; got " + validationSize);
        }
        int[] order = permutation(data.size(), random);
        return new Split<>(new Subset<>(data, slice(order, validationSize, order.length)),
                new Subset<>(data, slice(order, 0, validationSize)));
    }

    /**
     * The k folds of k-fold cross-validation: the shuffled indices cut into k contiguous folds whose sizes differ by
     * at most one (the first size % k folds are one larger, as scikit-learn's KFold); split i validates on fold i
     * and trains on the others, in their shuffled order.
     */
    public static <T> List<Split<T>> kFold(Dataset<T> data, int k, RandomGenerator random) {
        if (k < 2 || k > data.size()) {
            throw new IllegalArgumentException("Split.kFold: k must be in 2.." + data.size() + " for " + data.size()
                    + " examples; got " + k);
        }
        int[] order = permutation(data.size(), random);
        List<Split<T>> splits = new ArrayList<>(k);
        int start = 0;
        for (int fold = 0; fold < k; fold++) {
            int end = start + data.size() / k + (fold < data.size() % k ? 1 : 0);
            int[] train = new int[order.length - (end - start)];
            System.arraycopy(order, 0, train, 0, start);
            System.arraycopy(order, end, train, start, order.length - end);
            splits.add(new Split<>(new Subset<>(data, train), new Subset<>(data, slice(order, start, end))));
            start = end;
        }
        return List.copyOf(splits);
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

    private static int[] slice(int[] values, int from, int to) {
        int[] result = new int[to - from];
        System.arraycopy(values, from, result, 0, result.length);
        return result;
    }
}
