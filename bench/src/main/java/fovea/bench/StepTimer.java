package fovea.bench;

import java.util.Arrays;

/** The timing loop of the side-by-side harnesses (ConvStep, ModelStep, RnnStep), as timing.py is PyTorch's. */
final class StepTimer {
    private StepTimer() {}

    /** Runs {@code step} warmup times, then times it {@code iterations} times; the median in seconds. */
    static double medianSeconds(Runnable step, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) step.run();
        double[] times = new double[iterations];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            step.run();
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        int middle = times.length / 2;
        return times.length % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
    }
}
