package fovea.cli.bench;

import fovea.kernel.Sgemm;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times one shape on both sides: Fovea is warmed up until the JIT has settled, both sides get the same number of
 * calls per repetition (about {@value #REPETITION_SECONDS} s of Fovea's time), and the repetitions alternate
 * between the two, so a burst of load from elsewhere on the machine hits both rather than one; each is preceded by
 * untimed calls of its own, so that neither runs beside the other's still-spinning threads.
 */
final class GemmTimer {
    private static final double REPETITION_SECONDS = 0.15;
    /**
     * Warm-up before the first measurement, long enough for C2 to compile the kernel and the blocking loops (the
     * 8-row tile of 512-bit vectors reached C2 about 2.5 s into a 2-second warm-up).
     */
    private static final double FIRST_WARMUP_SECONDS = 5.0;
    private static final double WARMUP_SECONDS = 0.5;
    /**
     * Untimed calls before each timed repetition, on either side, about this long (by Fovea's time per call): after
     * a call OpenBLAS's worker threads busy-wait for new work for up to 2^28 cycles (a tenth of a second here)
     * before they sleep, and they ran on one of the two cores through the start of Fovea's next repetition. Idle
     * pauses instead slowed both sides (cores woken from idle).
     */
    private static final double SETTLE_SECONDS = 0.12;

    private final int repeats;
    private boolean warm;

    GemmTimer(int repeats) {
        this.repeats = repeats;
    }

    /** Measures Fovea and, if {@code reference} is not null, numpy on the shape at the given thread count. */
    GemmResult measure(GemmShape shape, int threads, NumpyGemm reference, PrintWriter err) {
        int m = shape.m(), k = shape.k(), n = shape.n();
        SplittableRandom random = new SplittableRandom(shape.name().hashCode());
        float[] a = random(random, m * k), b = random(random, k * n), c = new float[m * n];
        Runnable product = () -> Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        double secondsPerCall = warmUp(product, warm ? WARMUP_SECONDS : FIRST_WARMUP_SECONDS);
        warm = true;
        int calls = (int) Math.max(1, Math.round(REPETITION_SECONDS / secondsPerCall));
        double[] fovea = new double[repeats], openBlas = reference == null ? null : new double[repeats];
        try {
            if (reference != null) reference.seconds(shape, calls);   // numpy's warm-up: allocates, starts threads
            int settleCalls = (int) Math.max(1, Math.round(SETTLE_SECONDS / secondsPerCall));
            for (int r = 0; r < repeats; r++) {
                time(product, settleCalls);
                fovea[r] = shape.flops() * calls / time(product, calls) / 1e9;
                if (reference != null) {
                    reference.seconds(shape, settleCalls);
                    openBlas[r] = shape.flops() * calls / reference.seconds(shape, calls) / 1e9;
                }
            }
        } catch (IOException e) {
            err.println("fovea bench gemm: " + e.getMessage() + "; openblas_gflops is null from here on");
            err.flush();
            openBlas = null;
        }
        return new GemmResult(shape, threads, median(fovea), openBlas == null ? null : median(openBlas));
    }

    /** Runs the product for {@code seconds}, then returns the time per call over a further 50 ms or more. */
    private static double warmUp(Runnable product, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) product.run();
        long start = System.nanoTime();
        int calls = 0;
        do {
            product.run();
            calls++;
        } while (System.nanoTime() - start < 50_000_000L);
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    private static double time(Runnable product, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) product.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static float[] random(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float) random.nextDouble();
        return values;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
