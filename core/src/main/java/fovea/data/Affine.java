package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * The arithmetic the preprocessing classes share: y = (x - shift[g]) * scale[g], where the group g of an element
 * is either its position in the example (per-position statistics, as the mean image) or its channel, dim 0 of
 * the example; and the statistics they fit, accumulated in double precision.
 */
final class Affine {
    private final String op;
    private final int[] exampleDims;
    private final int exampleSize;
    private final int inner;
    private final float[] shift;
    private final float[] scale;

    /** Per-group parameters; a group is {@code inner} consecutive elements of an example. */
    Affine(String op, int[] exampleDims, int inner, float[] shift, float[] scale) {
        this.op = op;
        this.exampleDims = exampleDims.clone();
        this.exampleSize = Arrays.stream(exampleDims).reduce(1, (a, b) -> a * b);
        this.inner = inner;
        this.shift = shift;
        this.scale = scale;
    }

    /** The statistics of the training set, per position in the example or per channel. */
    record Statistics(int[] exampleDims, int inner, float[] mean, float[] std, float[] min, float[] max) {}

    /** Mean, population standard deviation (divided by the count), minimum and maximum of each group. */
    static Statistics fit(String op, Dataset<Example> train, boolean perChannel) {
        if (train.size() == 0) throw new IllegalArgumentException(op + ".fit: the training set is empty");
        int[] dims = train.get(0).features().shape().dims();
        if (dims.length == 0) throw new IllegalArgumentException(op + ".fit: expected examples of rank >= 1; got []");
        int size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        int inner = perChannel ? size / dims[0] : 1;
        int groups = size / inner;
        double[] sum = new double[groups];
        float[] min = new float[groups];
        float[] max = new float[groups];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < train.size(); i++) {
            float[] x = values(op, train, i, dims);
            for (int j = 0; j < size; j++) {
                int g = j / inner;
                sum[g] += x[j];
                min[g] = Math.min(min[g], x[j]);
                max[g] = Math.max(max[g], x[j]);
            }
        }
        double count = (double) train.size() * inner;
        double[] mean = new double[groups];
        for (int g = 0; g < groups; g++) mean[g] = sum[g] / count;
        // A second pass over the data: the sum of squared deviations does not cancel as sum(x^2) - n*mean^2 can.
        double[] squares = new double[groups];
        for (int i = 0; i < train.size(); i++) {
            float[] x = values(op, train, i, dims);
            for (int j = 0; j < size; j++) {
                double d = x[j] - mean[j / inner];
                squares[j / inner] += d * d;
            }
        }
        float[] meanOut = new float[groups];
        float[] std = new float[groups];
        for (int g = 0; g < groups; g++) {
            meanOut[g] = (float) mean[g];
            std[g] = (float) Math.sqrt(squares[g] / count);
        }
        return new Statistics(dims, inner, meanOut, std, min, max);
    }

    private static float[] values(String op, Dataset<Example> train, int index, int[] dims) {
        Tensor features = train.get(index).features();
        if (!Arrays.equals(features.shape().dims(), dims)) {
            throw new IllegalArgumentException(op + ".fit: example " + index + " has shape " + features.shape()
                    + "; expected " + Arrays.toString(dims) + " like example 0");
        }
        return features.toArray();
    }

    /** 1 / value, and 1 where value is 0, so that a constant group passes through shifted but not divided by 0. */
    static float[] reciprocal(float[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) result[i] = values[i] == 0 ? 1f : 1f / values[i];
        return result;
    }

    /** The parameter {@code values} (one per group) shaped for broadcasting against an example. */
    Tensor shaped(float[] values) {
        if (inner == 1) return Tensor.of(values, exampleDims);
        int[] dims = new int[exampleDims.length];
        Arrays.fill(dims, 1);
        dims[0] = exampleDims[0];
        return Tensor.of(values, dims);
    }

    Tensor apply(Tensor features) {
        int[] dims = features.shape().dims();
        int offset = dims.length - exampleDims.length;
        if ((offset != 0 && offset != 1) || !Arrays.equals(Arrays.copyOfRange(dims, offset, dims.length), exampleDims)) {
            int[] batch = new int[exampleDims.length + 1];
            System.arraycopy(exampleDims, 0, batch, 1, exampleDims.length);
            throw new IllegalArgumentException(op + ": expected an example " + Arrays.toString(exampleDims)
                    + " or a batch " + Arrays.toString(batch).replace("[0", "[B") + "; got " + features.shape());
        }
        float[] values = features.toArray();
        transform(values);
        return Tensor.of(values, features.shape());
    }

    TensorDataset apply(Dataset<Example> data) {
        TensorDataset copy = TensorDataset.copyOf(data);
        if (!Arrays.equals(copy.exampleShape(), exampleDims)) {
            throw new IllegalArgumentException(op + ": expected examples " + Arrays.toString(exampleDims)
                    + " as in the training set; got " + Arrays.toString(copy.exampleShape()));
        }
        float[] values = copy.featureValues().clone();
        transform(values);
        return new TensorDataset(values, exampleDims, copy.labelValues().clone());
    }

    private void transform(float[] values) {
        for (int start = 0; start < values.length; start += exampleSize) {
            for (int j = 0; j < exampleSize; j++) {
                int g = j / inner;
                values[start + j] = (values[start + j] - shift[g]) * scale[g];
            }
        }
    }
}
