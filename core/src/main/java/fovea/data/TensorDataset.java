package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * Examples held in memory as one features array [N, ...] and one label per example; {@link #get} returns example i
 * as its own tensor of the example shape.
 */
public final class TensorDataset implements Dataset<Example> {
    private final float[] features;
    private final int[] exampleDims;
    private final int exampleSize;
    private final int[] labels;

    /** Examples from features [N, ...] and labels [N] holding whole numbers >= 0; both are copied. */
    public TensorDataset(Tensor features, Tensor labels) {
        this(features.toArray(), exampleDims(features, labels), labelsOf(labels));
    }

    /** Takes ownership of the arrays: the readers build them once and hand them over without a copy. */
    TensorDataset(float[] features, int[] exampleDims, int[] labels) {
        int exampleSize = 1;
        for (int dim : exampleDims) exampleSize *= dim;
        if ((long) exampleSize * labels.length != features.length) {
            throw new IllegalArgumentException("TensorDataset: " + features.length + " feature values are not "
                    + labels.length + " examples of " + Arrays.toString(exampleDims));
        }
        this.features = features;
        this.exampleDims = exampleDims.clone();
        this.exampleSize = exampleSize;
        this.labels = labels;
    }

    /** Labelled examples of one shape held in memory: the dataset itself if it is one, else a copy (e.g. of a split). */
    public static TensorDataset copyOf(Dataset<Example> examples) {
        if (examples instanceof TensorDataset tensors) return tensors;
        if (examples.size() == 0) throw new IllegalArgumentException("TensorDataset.copyOf: the dataset is empty");
        int[] dims = examples.get(0).features().shape().dims();
        int exampleSize = examples.get(0).features().numel();
        float[] features = new float[Math.multiplyExact(exampleSize, examples.size())];
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            Example example = examples.get(i);
            if (!Arrays.equals(example.features().shape().dims(), dims)) {
                throw new IllegalArgumentException("TensorDataset.copyOf: example " + i + " has shape "
                        + example.features().shape() + "; expected " + Arrays.toString(dims) + " like example 0");
            }
            System.arraycopy(example.features().toArray(), 0, features, i * exampleSize, exampleSize);
            labels[i] = example.label();
        }
        return new TensorDataset(features, dims, labels);
    }

    @Override public int size() {
        return labels.length;
    }

    @Override public Example get(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("TensorDataset.get: index " + index + " is outside 0.." + (labels.length - 1));
        }
        float[] values = Arrays.copyOfRange(features, index * exampleSize, (index + 1) * exampleSize);
        return new Example(Tensor.of(values, exampleDims), labels[index]);
    }

    /** The shape of one example's features, e.g. [1, 28, 28]. */
    public int[] exampleShape() {
        return exampleDims.clone();
    }

    /** A copy of all features, [N, ...]. */
    public Tensor features() {
        int[] dims = new int[exampleDims.length + 1];
        dims[0] = labels.length;
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length);
        return Tensor.of(features, dims);
    }

    /** A copy of all labels, [N], as whole-number floats. */
    public Tensor labels() {
        float[] values = new float[labels.length];
        for (int i = 0; i < values.length; i++) values[i] = labels[i];
        return Tensor.of(values, labels.length);
    }

    /** The number of classes: the largest label plus one (0 when empty). */
    public int classCount() {
        int max = -1;
        for (int label : labels) max = Math.max(max, label);
        return max + 1;
    }

    /** The features array itself, for the readers and preprocessing in this package; callers must not modify it. */
    float[] featureValues() {
        return features;
    }

    /** The label array itself; callers must not modify it. */
    int[] labelValues() {
        return labels;
    }

    @Override public String toString() {
        return "TensorDataset(size=" + labels.length + ", exampleShape=" + Arrays.toString(exampleDims) + ")";
    }

    private static int[] exampleDims(Tensor features, Tensor labels) {
        if (features.rank() < 1 || labels.rank() != 1 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("TensorDataset: expected features [N, ...] and labels [N]; got "
                    + features.shape() + " and " + labels.shape());
        }
        return Arrays.copyOfRange(features.shape().dims(), 1, features.rank());
    }

    private static int[] labelsOf(Tensor labels) {
        float[] values = labels.toArray();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] == Math.rint(values[i]) && values[i] <= Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("TensorDataset: labels must be whole numbers >= 0; got "
                        + values[i] + " at index " + i);
            }
            result[i] = (int) values[i];
        }
        return result;
    }
}
