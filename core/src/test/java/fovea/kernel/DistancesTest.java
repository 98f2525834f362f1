package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked, vectorized L1 loop and the GEMM-based squared L2 against plain loops, on odd sizes and offsets. */
class DistancesTest {
    /** rows, cols, dim: edge tiles on every side, dims below, at and above a vector, one and several cache blocks. */
    private static final int[][] SIZES = {{1, 1, 1}, {7, 7, 7}, {1, 31, 257}, {31, 7, 31}, {2, 4, 8}, {3, 5, 17},
        {257, 9, 31}, {5, 257, 7}, {33, 130, 784}};

    private static float[] random(SplittableRandom random, int n, boolean whole) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = whole ? random.nextInt(256) : (float) random.nextGaussian();
        return values;
    }

    @Test void l1MatchesThePlainLoop() {
        SplittableRandom random = new SplittableRandom(1);
        for (int[] size : SIZES) {
            int rows = size[0], cols = size[1], dim = size[2], ldo = cols + 3;
            for (boolean whole : new boolean[] {true, false}) {
                float[] x = random(random, 2 + rows * dim, whole);
                float[] y = random(random, 5 + cols * dim, whole);
                float[] fast = new float[1 + rows * ldo];
                float[] plain = new float[1 + rows * ldo];
                Distances.l1(x, 2, rows, y, 5, cols, dim, fast, 1, ldo);
                Distances.l1Plain(x, 2, rows, y, 5, cols, dim, plain, 1, ldo);
                String what = "l1 " + rows + "x" + cols + "x" + dim;
                if (whole) {
                    // sums of whole numbers below 2^24 are exact in float in any order: the results are equal
                    assertArrayEquals(plain, fast, what);
                } else {
                    for (int i = 0; i < plain.length; i++) assertEquals(plain[i], fast[i], 1e-5f * (1 + dim), what + " at " + i);
                }
                for (int i = 0; i < rows; i++) {
                    assertEquals(0f, fast[1 + i * ldo + cols], what + ": the padding between rows stays untouched");
                    assertEquals((float) Distances.l1Exact(x, 2 + i * dim, y, 5, dim), fast[1 + i * ldo], 1e-5f * (1 + dim));
                }
            }
        }
    }

    @Test void l1SplitAcrossThreadsGivesTheSameBits() {
        SplittableRandom random = new SplittableRandom(2);
        int rows = 9, cols = 1031, dim = 300;
        float[] x = random(random, rows * dim, false);
        float[] y = random(random, cols * dim, false);
        float[] parallel = new float[rows * cols];
        float[] serial = new float[rows * cols];
        Distances.l1(x, 0, rows, y, 0, cols, dim, parallel, 0, cols);      // large enough to split over the pool
        for (int j = 0; j < cols; j++) Distances.l1(x, 0, rows, y, j * dim, 1, dim, serial, j, cols);
        assertArrayEquals(serial, parallel);
    }

    @Test void squaredL2MatchesThePlainLoop() {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] size : SIZES) {
            int rows = size[0], cols = size[1], dim = size[2], ldo = cols + 2;
            float[] x = random(random, 3 + rows * dim, false);
            float[] y = random(random, 1 + cols * dim, false);
            float[] xNorms = new float[rows];
            float[] yNorms = new float[cols + 4];
            Distances.squaredNorms(x, 3, rows, dim, xNorms, 0);
            Distances.squaredNorms(y, 1, cols, dim, yNorms, 4);
            float[] fast = new float[rows * ldo];
            float[] plain = new float[rows * ldo];
            Distances.squaredL2(x, 3, rows, xNorms, 0, y, 1, cols, yNorms, 4, dim, fast, 0, ldo);
            Distances.squaredL2Plain(x, 3, rows, y, 1, cols, dim, plain, 0, ldo);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    // the error of |x|^2 - 2x.y + |y|^2 scales with the norms, not with the distance
                    float tolerance = 1e-5f * (xNorms[i] + yNorms[4 + j] + 1);
                    assertEquals(plain[i * ldo + j], fast[i * ldo + j], tolerance, rows + "x" + cols + "x" + dim + " at " + i + "," + j);
                }
            }
        }
    }

    @Test void squaredL2OfARowWithItselfIsClampedToZeroNotNegative() {
        SplittableRandom random = new SplittableRandom(4);
        int rows = 40, dim = 97;
        float[] x = random(random, rows * dim, false);
        float[] norms = new float[rows];
        Distances.squaredNorms(x, 0, rows, dim, norms, 0);
        float[] out = new float[rows * rows];
        Distances.squaredL2(x, 0, rows, norms, 0, x, 0, rows, norms, 0, dim, out, 0, rows);
        for (int i = 0; i < rows; i++) {
            assertEquals(0f, out[i * rows + i], 1e-3f * norms[i], "diagonal " + i);
            for (int j = 0; j < rows; j++) assertEquals(true, out[i * rows + j] >= 0, "negative at " + i + "," + j);
        }
    }

    @Test void exactDistancesInDouble() {
        float[] x = {0, 255, 3};
        float[] y = {255, 0, 1};
        assertEquals(512, Distances.l1Exact(x, 0, y, 0, 3));
        assertEquals(2 * 65025 + 4, Distances.squaredL2Exact(x, 0, y, 0, 3));
    }

    @Test void shortArraysAreRejectedWithTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Distances.l1(new float[6], 0, 2, new float[5], 0, 2, 3, new float[4], 0, 2));
        assertEquals("l1: arrays too short for x [2, 3] at 0, y [2, 3] at 0, out [2, 2] at 0 with ldo 2; got lengths 6, 5, 4",
                e.getMessage());
    }
}
