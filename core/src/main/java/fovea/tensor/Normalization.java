package fovea.tensor;

import fovea.kernel.BatchNormLoops;
import fovea.kernel.Parallel;
import java.util.ArrayList;
import java.util.List;

/** Batch normalization and local response normalization over the channels (dim 1) of [N, C, ...], each one fused node. */
final class Normalization {
    private Normalization() {}

    /**
     * Batch normalization of [N, C, *]: in training the batch mean and biased variance per channel normalize, and
     * the running statistics (when given) move by momentum toward the mean and the unbiased variance, in place;
     * in evaluation the running statistics normalize. weight and bias may be null (1 and 0).
     */
    static Tensor batchNorm(String op, Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                            boolean training, float momentum, float eps) {
        Shape shape = x.shape();
        int channels = shape.rank() >= 2 ? shape.dim(1) : -1;
        checkChannels(op, shape, channels, "weight", weight);
        checkChannels(op, shape, channels, "bias", bias);
        checkChannels(op, shape, channels, "runningMean", runningMean);
        checkChannels(op, shape, channels, "runningVar", runningVar);
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException(op + ": evaluation mode needs running statistics; got none for input " + shape);
        }
        int batch = shape.dim(0);
        int plane = channels == 0 || batch == 0 ? 0 : shape.numel() / (batch * channels);
        int count = batch * plane;
        if (training && count < 2) {
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel in training; got input " + shape);
        }
        float[] mean = new float[channels];
        float[] var = new float[channels];
        if (training) {
            BatchNormLoops.moments(x.data, batch, channels, plane, mean, var);
            if (runningMean != null) {
                float unbias = (float) count / (count - 1);
                for (int c = 0; c < channels; c++) {
                    runningMean.data[c] = (1 - momentum) * runningMean.data[c] + momentum * mean[c];
                    runningVar.data[c] = (1 - momentum) * runningVar.data[c] + momentum * var[c] * unbias;
                }
            }
        } else {
            System.arraycopy(runningMean.data, 0, mean, 0, channels);
            System.arraycopy(runningVar.data, 0, var, 0, channels);
        }
        float[] invStd = new float[channels];
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            invStd[c] = (float) (1 / Math.sqrt((double) var[c] + eps));
            scale[c] = (weight == null ? 1 : weight.data[c]) * invStd[c];
            shift[c] = (bias == null ? 0 : bias.data[c]) - mean[c] * scale[c];
        }
        float[] out = new float[shape.numel()];
        BatchNormLoops.scaleShift(x.data, out, batch, channels, plane, scale, shift);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (weight != null) inputs.add(weight);
        if (bias != null) inputs.add(bias);
        return Tensor.derived(op, out, shape, inputs.toArray(new Tensor[0]), grad -> {
            // y = gamma xhat + beta with xhat = (x - mean) invStd: dbeta = sum g, dgamma = sum g xhat, and in
            // training dx = gamma invStd (g - mean(g) - xhat mean(g xhat)), since mean and invStd depend on x
            float[] sumGrad = new float[channels];
            float[] sumGradCentered = new float[channels];
            BatchNormLoops.gradientSums(grad.data, x.data, batch, channels, plane, mean, sumGrad, sumGradCentered);
            Tensor[] grads = new Tensor[inputs.size()];
            if (x.requiresGrad()) {
                float[] a = new float[channels];
                float[] b = new float[channels];
                float[] d = new float[channels];
                for (int c = 0; c < channels; c++) {
                    a[c] = scale[c];
                    if (training) {
                        b[c] = -scale[c] * invStd[c] * invStd[c] * sumGradCentered[c] / count;
                        d[c] = -scale[c] * sumGrad[c] / count - b[c] * mean[c];
                    }
                }
                float[] back = new float[shape.numel()];
                BatchNormLoops.inputGradient(grad.data, x.data, back, batch, channels, plane, a, b, d);
                grads[0] = new Tensor(back, shape);
            }
            int k = 1;
            if (weight != null) {
                float[] gradWeight = new float[channels];
                for (int c = 0; c < channels; c++) gradWeight[c] = sumGradCentered[c] * invStd[c];
                grads[k++] = new Tensor(gradWeight, weight.shape());
            }
            if (bias != null) grads[k] = new Tensor(sumGrad, bias.shape());
            return grads;
        }, true);
    }

    private static void checkChannels(String op, Shape shape, int channels, String name, Tensor t) {
        if (channels < 0) throw new IllegalArgumentException(op + ": expected input [N, C, ...]; got " + shape);
        if (t != null && (t.rank() != 1 || t.size(0) != channels)) {
            throw new IllegalArgumentException(op + ": expected " + name + " [" + channels + "] for input " + shape
                    + "; got " + t.shape());
        }
    }

    /**
     * AlexNet's local response normalization across channels, PyTorch's formula:
     * b_c = a_c / (k + alpha/size * sum of a^2 over channels [c - size/2, c + (size-1)/2])^beta.
     */
    static Tensor localResponseNorm(Tensor x, int size, float alpha, float beta, float k) {
        Shape shape = x.shape();
        if (shape.rank() < 3 || size < 1) {
            throw new IllegalArgumentException("localResponseNorm: expected input [N, C, ...] of rank >= 3 and size >= 1; got "
                    + shape + " and size " + size);
        }
        int batch = shape.dim(0);
        int channels = shape.dim(1);
        int plane = batch * channels == 0 ? 0 : shape.numel() / (batch * channels);
        float[] in = x.data;
        float[] base = new float[in.length];    // k + alpha/size * the window's sum of squares
        float[] out = new float[in.length];
        float coefficient = alpha / size;
        Parallel.forRange(batch, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int c = 0; c < channels; c++) {
                    int row = (n * channels + c) * plane;
                    int lo = Math.max(0, c - size / 2);
                    int hi = Math.min(channels - 1, c + (size - 1) / 2);
                    for (int j = lo; j <= hi; j++) {
                        int source = (n * channels + j) * plane;
                        for (int i = 0; i < plane; i++) base[row + i] += in[source + i] * in[source + i];
                    }
                    for (int i = row; i < row + plane; i++) {
                        base[i] = k + coefficient * base[i];
                        out[i] = (float) (in[i] / Math.pow(base[i], beta));
                    }
                }
            }
        });
        return Tensor.derived("localResponseNorm", out, shape, new Tensor[] {x}, grad -> {
            // d b_c / d a_j = [c = j] base_c^-beta - 2 beta alpha/size a_c a_j base_c^(-beta-1) for j in c's window
            float[] g = grad.data;
            float[] t = new float[in.length];
            float[] back = new float[in.length];
            Parallel.forRange(batch, 1, (from, to) -> {
                for (int i = from * channels * plane; i < to * channels * plane; i++) {
                    t[i] = (float) (g[i] * out[i] / base[i]);
                }
                for (int n = from; n < to; n++) {
                    for (int j = 0; j < channels; j++) {
                        int row = (n * channels + j) * plane;
                        int lo = Math.max(0, j - (size - 1) / 2);
                        int hi = Math.min(channels - 1, j + size / 2);
                        for (int c = lo; c <= hi; c++) {
                            int source = (n * channels + c) * plane;
                            for (int i = 0; i < plane; i++) back[row + i] += t[source + i];
                        }
                        for (int i = row; i < row + plane; i++) {
                            back[i] = (float) (g[i] * Math.pow(base[i], -beta) - 2 * beta * coefficient * in[i] * back[i]);
                        }
                    }
                }
            });
            return new Tensor[] {new Tensor(back, shape)};
        });
    }
}
