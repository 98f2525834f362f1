package fovea.bench;

import fovea.kernel.Parallel;
import fovea.nn.recurrent.Gru;
import fovea.nn.recurrent.Lstm;
import fovea.nn.recurrent.RecurrentConfig;
import fovea.nn.recurrent.RecurrentLayer;
import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Fovea side of rnn-bench.sh: the median time of one forward+backward pass of a one-layer LSTM or GRU over
 * x [T, N, I] (gradients of the input and every parameter), the same step as rnn_torch.py, printed as JSON.
 *
 * <p>Usage: RnnStep lstm|gru BATCH STEPS INPUT HIDDEN THREADS WARMUP ITERATIONS
 */
public final class RnnStep {
    private RnnStep() {}

    /** Runs the warm-up steps, then the timed ones, and prints {"seconds": median, "threads": n}. */
    public static void main(String[] args) {
        if (args.length != 8 || !(args[0].equals("lstm") || args[0].equals("gru"))) {
            System.err.println("usage: RnnStep lstm|gru BATCH STEPS INPUT HIDDEN THREADS WARMUP ITERATIONS");
            System.exit(2);
        }
        int[] a = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        int batch = a[0], steps = a[1], input = a[2], hidden = a[3];
        Parallel.setThreads(a[4]);
        SplittableRandom random = new SplittableRandom(0);
        RecurrentConfig config = RecurrentConfig.of(input, hidden);
        RecurrentLayer layer = args[0].equals("lstm") ? new Lstm(config, random) : new Gru(config, random);
        Tensor x = Tensor.randn(random, steps, batch, input).requiresGrad(true);
        Tensor upstream = Tensor.randn(random, steps, batch, hidden);
        for (int i = 0; i < a[5]; i++) step(layer, x, upstream);
        double[] times = new double[a[6]];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            step(layer, x, upstream);
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        double median = times.length % 2 == 1 ? times[times.length / 2]
                : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
        System.out.printf(java.util.Locale.ROOT, "{\"seconds\": %.6f, \"threads\": %d}%n", median, a[4]);
    }

    private static void step(RecurrentLayer layer, Tensor x, Tensor upstream) {
        x.zeroGrad();
        for (Tensor p : layer.parameters()) p.zeroGrad();
        layer.forward(x).backward(upstream);
    }
}
