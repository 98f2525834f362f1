package fovea.train;

import fovea.data.Batch;
import fovea.data.BatchSource;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.function.Function;

/**
 * A classifier's figures over a whole data set, gathered batch by batch without keeping the scores: the mean loss,
 * how often the target ranks first, second ... (top-k accuracy), and the confusion matrix.
 *
 * @param loss the mean loss over the examples
 * @param examples the number of examples
 * @param rankCounts rankCounts[r] = the examples whose target had exactly r scores ranked above it
 * @param confusion confusion[target][predicted], predicted = the first highest score
 */
public record Evaluation(double loss, long examples, long[] rankCounts, long[][] confusion) {
    /** The fraction of examples whose highest score is the target class. */
    public double accuracy() {
        return topK(1);
    }

    /** The fraction of examples whose target is among the k highest scores (ties count against the target). */
    public double topK(int k) {
        if (k < 1 || k > rankCounts.length) {
            throw new IllegalArgumentException("topK: k must be in [1, " + rankCounts.length + "]; got " + k);
        }
        long hits = 0;
        for (int r = 0; r < k; r++) hits += rankCounts[r];
        return examples == 0 ? 0 : (double) hits / examples;
    }

    /** counts[target][predicted]: a copy. */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) copy[i] = confusion[i].clone();
        return copy;
    }

    /**
     * Evaluates the scores {@code scoresOf} gives for each batch of {@code data} (model in eval mode is the caller's
     * business), without recording; test-time augmentation passes {@code TestTimeAugmentation.averaged(...)}.
     */
    public static Evaluation of(Function<Tensor, Tensor> scoresOf, Loss loss, BatchSource<Batch> data) {
        double lossSum = 0;
        long examples = 0;
        long[] ranks = null;
        long[][] confusion = null;
        try (GradMode.Scope ignored = GradMode.noGrad(); BatchSource.Batches<Batch> batches = data.epoch(0, 0)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                Tensor scores = scoresOf.apply(batch.features());
                lossSum += (double) loss.apply(scores, batch.labels()).item() * batch.size();
                examples += batch.size();
                if (ranks == null) {
                    int classes = scores.rank() == 2 ? scores.size(1) : 0;
                    ranks = new long[classes];
                    confusion = new long[classes][classes];
                }
                Metrics.tally(scores, batch.labels(), ranks, confusion);
            }
        }
        if (examples == 0) throw new IllegalArgumentException("Evaluation: the data set is empty");
        return new Evaluation(lossSum / examples, examples, ranks, confusion);
    }
}
