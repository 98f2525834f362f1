package fovea.classic;

import fovea.data.Dataset;
import fovea.data.Split;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * Choosing k by k-fold cross-validation, as the course does: the training examples are cut into folds (a seeded
 * shuffle, {@link Split#kFold}); each fold in turn is classified by the nearest neighbours among the other folds,
 * for every candidate k at once (one search with the largest k), and k is chosen by the mean accuracy over folds.
 */
public final class KnnCrossValidation {
    /** The accuracy of each candidate k on each fold: {@code accuracies[i][f]} for {@code ks[i]} on fold f. */
    public record Result(int[] ks, Distance distance, double[][] accuracies) {
        /** The mean accuracy of ks[i] over the folds. */
        public double mean(int i) {
            double sum = 0;
            for (double a : accuracies[i]) sum += a;
            return sum / accuracies[i].length;
        }

        /** The population standard deviation of ks[i]'s accuracy over the folds (the spread the course plots). */
        public double std(int i) {
            double mean = mean(i);
            double sum = 0;
            for (double a : accuracies[i]) sum += (a - mean) * (a - mean);
            return Math.sqrt(sum / accuracies[i].length);
        }

        /** The k with the highest mean accuracy; of equally good ones, the smallest (the simplest model). */
        public int bestK() {
            int best = 0;
            for (int i = 1; i < ks.length; i++) {
                if (mean(i) > mean(best) || (mean(i) == mean(best) && ks[i] < ks[best])) best = i;
            }
            return ks[best];
        }
    }

    private KnnCrossValidation() {}

    /**
     * Cross-validates the candidate {@code ks} on examples features [N, ...] with labels [N], in {@code folds} folds
     * shuffled by {@code random}; {@code progress} receives the number of validation rows classified.
     */
    public static Result run(Tensor features, int[] labels, int[] ks, Distance distance, int folds,
                             RandomGenerator random, IntConsumer progress) {
        if (features.rank() < 1 || features.size(0) != labels.length) {
            throw new IllegalArgumentException("KnnCrossValidation: expected features [N, ...] and N labels; got "
                    + features.shape() + " and " + labels.length + " labels");
        }
        if (ks.length == 0) throw new IllegalArgumentException("KnnCrossValidation: expected at least one k; got none");
        Tensor rows = features.reshape(labels.length, -1);
        List<Split<Integer>> splits = Split.kFold(indices(labels.length), folds, random);
        double[][] accuracies = new double[ks.length][folds];
        for (int f = 0; f < folds; f++) {
            int[] train = splits.get(f).train().indices();
            int[] validation = splits.get(f).validation().indices();
            Knn knn = new Knn(Rows.select(rows, train), Rows.gather(labels, train));
            int[][] predicted = knn.predict(Rows.select(rows, validation), ks, distance, progress);
            int[] truth = Rows.gather(labels, validation);
            for (int i = 0; i < ks.length; i++) accuracies[i][f] = Knn.accuracy(predicted[i], truth);
        }
        return new Result(ks.clone(), distance, accuracies);
    }

    private static Dataset<Integer> indices(int n) {
        return new Dataset<>() {
            @Override public int size() {
                return n;
            }

            @Override public Integer get(int index) {
                return index;
            }
        };
    }
}
