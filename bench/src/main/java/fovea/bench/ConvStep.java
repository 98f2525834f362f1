package fovea.bench;

import fovea.kernel.Parallel;
import fovea.tensor.Conv;
import fovea.tensor.ConvSpec;
import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Fovea side of conv-bench.sh: the median time of one conv2d forward+backward step (input, weight and bias
 * gradients), the same step as conv_torch.py, printed as JSON.
 *
 * <p>Usage: ConvStep BATCH CHANNELS SIZE FILTERS KERNEL PADDING THREADS WARMUP ITERATIONS
 */
public final class ConvStep {
    private ConvStep() {}

    /** Runs the warm-up steps, then the timed ones, and prints {"seconds": median, "threads": n}. */
    public static void main(String[] args) {
        if (args.length != 9) {
            System.err.println("usage: ConvStep BATCH CHANNELS SIZE FILTERS KERNEL PADDING THREADS WARMUP ITERATIONS");
            System.exit(2);
        }
        int[] a = Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int batch = a[0], channels = a[1], size = a[2], filters = a[3], kernel = a[4], padding = a[5];
        Parallel.setThreads(a[6]);
        SplittableRandom random = new SplittableRandom(0);
        Tensor x = Tensor.randn(random, batch, channels, size, size).requiresGrad(true);
        Tensor weight = Tensor.randn(random, filters, channels, kernel, kernel).requiresGrad(true);
        Tensor bias = Tensor.randn(random, filters).requiresGrad(true);
        ConvSpec spec = ConvSpec.of(1, padding);
        int outSize = size + 2 * padding - kernel + 1;
        Tensor upstream = Tensor.randn(random, batch, filters, outSize, outSize);
        double median = StepTimer.medianSeconds(() -> step(x, weight, bias, spec, upstream), a[7], a[8]);
        System.out.printf(java.util.Locale.ROOT, "{\"seconds\": %.6f, \"threads\": %d}%n", median, a[6]);
    }

    private static void step(Tensor x, Tensor weight, Tensor bias, ConvSpec spec, Tensor upstream) {
        x.zeroGrad();
        weight.zeroGrad();
        bias.zeroGrad();
        Conv.conv2d(x, weight, bias, spec).backward(upstream);
    }
}
