package fovea.train;

import fovea.tensor.Tensor;

/** Classification metrics from scores [N, C] and class targets [N] (whole numbers). */
public final class Metrics {
    private Metrics() {}

    /** The fraction of examples whose highest score is the target class. */
    public static double accuracy(Tensor scores, Tensor targets) {
        return topK(scores, targets, 1);
    }

    /** The fraction of examples whose target is among the k highest scores (ties count against the target). */
    public static double topK(Tensor scores, Tensor targets, int k) {
        check("topK", scores, targets);
        int n = scores.size(0);
        int classes = scores.size(1);
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException("topK: k must be in [1, " + classes + "]; got " + k);
        }
        if (n == 0) return 0;
        float[] s = scores.toArray();
        float[] t = targets.toArray();
        int hits = 0;
        for (int i = 0; i < n; i++) {
            int target = (int) t[i];
            float own = s[i * classes + target];
            int higher = 0;
            for (int c = 0; c < classes; c++) {
                float v = s[i * classes + c];
                // a score above the target's, or an equal one at a lower index (argmax takes the first), ranks higher
                if (v > own || (v == own && c < target)) higher++;
            }
            if (higher < k) hits++;
        }
        return (double) hits / n;
    }

    /** counts[target][predicted] over the examples, predicted = argmax of the scores. */
    public static long[][] confusionMatrix(Tensor scores, Tensor targets) {
        check("confusionMatrix", scores, targets);
        int classes = scores.size(1);
        long[][] counts = new long[classes][classes];
        float[] predicted = scores.argmax(1, false).toArray();
        float[] t = targets.toArray();
        for (int i = 0; i < t.length; i++) counts[(int) t[i]][(int) predicted[i]]++;
        return counts;
    }

    /** Per class, the fraction of its examples classified correctly (NaN for a class with no examples). */
    public static double[] perClassAccuracy(long[][] confusion) {
        double[] accuracy = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = 0;
            for (long count : confusion[c]) total += count;
            accuracy[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return accuracy;
    }

    private static void check(String op, Tensor scores, Tensor targets) {
        if (scores.rank() != 2 || targets.rank() != 1 || targets.size(0) != scores.size(0)) {
            throw new IllegalArgumentException(op + ": expected scores [N, C] and targets [N]; got " + scores.shape()
                    + " and " + targets.shape());
        }
        int classes = scores.size(1);
        for (float t : targets.toArray()) {
            if (t != Math.rint(t) || t < 0 || t >= classes) {
                throw new IllegalArgumentException(op + ": target " + t + " is not a class in [0, " + classes + ")");
            }
        }
    }

    /**
     * Adds a batch to running counts: ranks[r] counts the examples whose target had r scores ranked above it (a higher
     * score, or an equal one at a lower index, as argmax takes the first), confusion[target][predicted] the argmax.
     */
    static void tally(Tensor scores, Tensor targets, long[] ranks, long[][] confusion) {
        check("Evaluation", scores, targets);
        int classes = scores.size(1);
        if (classes != ranks.length) {
            throw new IllegalArgumentException("Evaluation: a batch has " + classes + " classes; expected " + ranks.length
                    + " as the first batch had");
        }
        float[] s = scores.toArray();
        float[] t = targets.toArray();
        for (int i = 0; i < t.length; i++) {
            int target = (int) t[i];
            float own = s[i * classes + target];
            int higher = 0;
            int predicted = 0;
            for (int c = 0; c < classes; c++) {
                float v = s[i * classes + c];
                if (v > own || (v == own && c < target)) higher++;
                if (v > s[i * classes + predicted]) predicted = c;
            }
            ranks[higher]++;
            confusion[target][predicted]++;
        }
    }
}
