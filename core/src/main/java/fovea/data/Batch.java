package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** A minibatch: features stacked along a new first dim, [B, ...], and labels [B] as whole-number floats. */
public record Batch(Tensor features, Tensor labels) {
    /** Checks that there is one label per example. */
    public Batch {
        if (labels.rank() != 1 || features.rank() == 0 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("Batch: expected features [B, ...] and labels [B]; got "
                    + features.shape() + " and " + labels.shape());
        }
    }

    /** The number of examples, B. */
    public int size() {
        return labels.size(0);
    }

    /** The collate step of labelled examples, as torch's default_collate: features stacked to [B, ...], labels [B]. */
    public static Batch collate(List<Example> examples) {
        if (examples.isEmpty()) throw new IllegalArgumentException("Batch.collate: expected at least one example; got none");
        int count = examples.size();
        int[] dims = examples.get(0).features().shape().dims();
        int size = examples.get(0).features().numel();
        float[] values = new float[Math.multiplyExact(count, size)];
        float[] labels = new float[count];
        for (int i = 0; i < count; i++) {
            Tensor features = examples.get(i).features();
            if (!Arrays.equals(dims, features.shape().dims())) {
                throw new IllegalArgumentException("Batch.collate: example " + i + " of the batch has shape "
                        + features.shape() + "; expected " + Arrays.toString(dims) + " like example 0");
            }
            System.arraycopy(features.toArray(), 0, values, i * size, size);
            labels[i] = examples.get(i).label();
        }
        int[] batchDims = new int[dims.length + 1];
        batchDims[0] = count;
        System.arraycopy(dims, 0, batchDims, 1, dims.length);
        return new Batch(Tensor.of(values, batchDims), Tensor.of(labels, count));
    }
}
