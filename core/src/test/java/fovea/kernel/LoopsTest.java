package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorized and parallel loops against their plain twins, on odd sizes and offsets. */
class LoopsTest {
    private static final int[] SIZES = {0, 1, 7, 8, 31, 257, 1000, 200_003};

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) random.nextGaussian();
        return values;
    }

    @Test void binaryMatchesPlainForEveryOpAndStep() {
        for (int n : SIZES) {
            float[] a = random(n + 3, 1);
            float[] b = random(n + 5, 2);
            for (Binary op : Binary.values()) {
                for (int aStep = 0; aStep <= 1; aStep++) {
                    for (int bStep = 0; bStep <= 1; bStep++) {
                        float[] fast = new float[n + 2];
                        float[] plain = new float[n + 2];
                        Loops.binary(op, a, 3, aStep, b, 5, bStep, fast, 2, n);
                        Loops.binaryPlain(op, a, 3, aStep, b, 5, bStep, plain, 2, n);
                        assertArrayEquals(plain, fast, op + " n=" + n + " steps " + aStep + "," + bStep);
                    }
                }
            }
        }
    }

    @Test void unaryMatchesPlain() {
        for (int n : SIZES) {
            float[] x = random(n + 1, 3);
            x[0] = Float.NaN;
            for (Unary op : Unary.values()) {
                float[] fast = new float[n];
                float[] plain = new float[n];
                Loops.unary(op, x, 1, fast, 0, n);
                Loops.unaryPlain(op, x, 1, plain, 0, n);
                assertArrayEquals(plain, fast, op + " n=" + n);
                if (n > 0 && op == Unary.RELU) {
                    float[] nan = new float[1];
                    Loops.unary(op, x, 0, nan, 0, 1);
                    assertEquals(Float.NaN, nan[0], "relu keeps NaN, as PyTorch");
                }
            }
        }
    }

    @Test void sumMatchesPlainInDouble() {
        for (int n : SIZES) {
            float[] x = random(n + 4, 4);
            double plain = Loops.sumPlain(x, 4, n);
            assertEquals(plain, Loops.sum(x, 4, n), 1e-6 * Math.max(1, Math.abs(plain)) + 1e-4, "n=" + n);
        }
        float[] ones = new float[10_000_001];
        java.util.Arrays.fill(ones, 1f);
        assertEquals(10_000_001f, Loops.sum(ones, 0, ones.length), "a long sum keeps float precision");
    }

    @Test void accumulateMatchesPlain() {
        for (int n : SIZES) {
            float[] x = random(n + 2, 5);
            float[] acc = random(n + 1, 6);
            float[] expected = acc.clone();
            for (int i = 0; i < n; i++) expected[1 + i] += x[2 + i];
            Loops.accumulate(x, 2, acc, 1, n);
            assertArrayEquals(expected, acc, "n=" + n);
        }
    }

    @Test void parallelRangesCoverEverythingOnce() {
        int previous = Parallel.threads();
        try {
            Parallel.setThreads(3);
            int[] hits = new int[100_001];
            Parallel.forRange(hits.length, 10, (from, to) -> {
                for (int i = from; i < to; i++) hits[i]++;
            });
            for (int hit : hits) assertEquals(1, hit);
        } finally {
            Parallel.setThreads(previous);
        }
    }
}
