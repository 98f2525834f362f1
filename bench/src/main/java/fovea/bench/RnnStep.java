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
 * x [T, N, I] (gradients of the input and every parameter), the same step as rnn_torch.py, printed as JSON. Like
 * the PyTorch side it runs on 1 and on THREADS threads and reports both and the faster: on a shared, busy machine
 * one thread can beat two.
 *
 * <p>Usage: RnnStep lstm|gru BATCH STEPS INPUT HIDDEN THREADS WARMUP ITERATIONS
 */
public final class RnnStep {
    private RnnStep() {}

    /** Runs the warm-up steps, then the timed ones, per thread count; prints {"seconds": best median, "setting": ..., "all": ...}. */
    public static void main(String[] args) {
        if (args.length != 8 || !(args[0].equals("lstm") || args[0].equals("gru"))) {
            System.err.println("usage: RnnStep lstm|gru BATCH STEPS INPUT HIDDEN THREADS WARMUP ITERATIONS");
            System.exit(2);
        }
        int[] a = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        int batch = a[0], steps = a[1], input = a[2], hidden = a[3];
        SplittableRandom random = new SplittableRandom(0);
        RecurrentConfig config = RecurrentConfig.of(input, hidden);
        RecurrentLayer layer = args[0].equals("lstm") ? new Lstm(config, random) : new Gru(config, random);
        Tensor x = Tensor.randn(random, steps, batch, input).requiresGrad(true);
        Tensor upstream = Tensor.randn(random, steps, batch, hidden);
        StringBuilder all = new StringBuilder();
        double best = Double.MAX_VALUE;
        int bestThreads = 1;
        for (int threads : a[4] > 1 ? new int[] {1, a[4]} : new int[] {1}) {
            Parallel.setThreads(threads);
            double median = StepTimer.medianSeconds(() -> step(layer, x, upstream), a[5], a[6]);
            all.append(all.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "\"%d thread%s\": %.6f",
                    threads, threads == 1 ? "" : "s", median));
            if (median < best) {
                best = median;
                bestThreads = threads;
            }
        }
        System.out.printf(java.util.Locale.ROOT, "{\"seconds\": %.6f, \"setting\": \"%d thread%s\", \"all\": {%s}}%n",
                best, bestThreads, bestThreads == 1 ? "" : "s", all);
    }

    private static void step(RecurrentLayer layer, Tensor x, Tensor upstream) {
        x.zeroGrad();
        for (Tensor p : layer.parameters()) p.zeroGrad();
        layer.call(x).backward(upstream);
    }
}
