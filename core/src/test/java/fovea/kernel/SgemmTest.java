package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast SGEMM paths against the double-accumulating triple loop, on odd sizes and all argument variants. */
class SgemmTest {
    /** m, n, k triples: the tiny path, edge tiles on every side, several k, m and n blocks, and both thread splits. */
    private static final int[][] SIZES = {
        {1, 1, 1}, {7, 7, 7}, {31, 31, 31}, {257, 257, 257},
        {1, 257, 7}, {33, 1, 65}, {7, 31, 257}, {257, 7, 31}, {65, 33, 1}, {17, 16, 16},
        {50, 70, 1100}, {1030, 20, 300}, {3, 4200, 5}, {64, 784, 64},
    };
    private static final boolean[] BOOLEANS = {false, true};

    /** One call's operands laid out with offsets and padded leading dims, and the expected result. */
    private record Case(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                        float[] c, int cOffset, int ldc, float[] expected, float[] tolerance) {

        static Case random(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                           int offset, int pad, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
            float[] a = fill(random, offset + (transA ? k : m) * lda);
            float[] b = fill(random, offset + (transB ? n : k) * ldb);
            float[] c = fill(random, offset + m * ldc);
            // beta == 0 must ignore C, NaN included, as BLAS does.
            if (beta == 0) Arrays.fill(c, Float.NaN);
            float[] expected = c.clone();
            SgemmReference.sgemm(transA, transB, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, expected, offset, ldc);
            float[] tolerance = new float[c.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        float x = transA ? a[offset + p * lda + i] : a[offset + i * lda + p];
                        float y = transB ? b[offset + j * ldb + p] : b[offset + p * ldb + j];
                        magnitude += Math.abs((double) x * y);
                    }
                    int index = offset + i * ldc + j;
                    double scaled = beta == 0 ? 0 : Math.abs(beta * c[index]);
                    // A float sum of k products is within about k * 2^-24 of sum(|a||b|); two more roundings for alpha and beta.
                    tolerance[index] = (float) ((k + 3) * 0x1p-24 * (Math.abs(alpha) * magnitude + scaled) + 1e-30);
                }
            }
            return new Case(transA, transB, m, n, k, alpha, beta, a, offset, lda, b, offset, ldb, c, offset, ldc,
                    expected, tolerance);
        }

        private static float[] fill(SplittableRandom random, int length) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) values[i] = (float) (random.nextDouble() * 2 - 1);
            return values;
        }

        /** Runs the chosen path on a copy of C, split over the threads whatever the size, and returns the result. */
        float[] run(boolean vector, int threads) {
            float[] out = c.clone();
            Sgemm.run(new SgemmTask(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, out, cOffset, ldc),
                    vector, threads, 0);
            return out;
        }

        void check(float[] actual, String path) {
            for (int i = 0; i < actual.length; i++) {
                boolean insideC = i >= cOffset && (i - cOffset) / ldc < m && (i - cOffset) % ldc < n;
                if (!insideC) {
                    // Padding and offsets must be left exactly as they were.
                    assertEquals(Float.floatToIntBits(c[i]), Float.floatToIntBits(actual[i]), () -> describe(path) + " wrote outside C");
                    continue;
                }
                float want = expected[i], got = actual[i];
                int index = i;
                assertTrue(Math.abs(want - got) <= tolerance[i],
                        () -> describe(path) + " at (" + (index - cOffset) / ldc + ", " + (index - cOffset) % ldc + "): expected "
                                + want + " +- " + tolerance[index] + ", got " + got);
            }
        }

        String describe(String path) {
            return path + " transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " offset=" + aOffset + " lda=" + lda;
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2})
    void vectorPathMatchesReferenceOnOddSizesAndAllTransposes(int threads) {
        assumeTrue(Simd.AVAILABLE, "the Vector API module is not in the boot layer");
        long seed = 1;
        for (int[] size : SIZES) {
            for (boolean transA : BOOLEANS) {
                for (boolean transB : BOOLEANS) {
                    Case c = Case.random(transA, transB, size[0], size[1], size[2], 1f, 0f, 0, 0, seed++);
                    c.check(c.run(true, threads), "vector, threads=" + threads);
                }
            }
        }
    }

    @Test
    void scalarPathMatchesReferenceOnOddSizesAndAllTransposes() {
        long seed = 100;
        for (int[] size : SIZES) {
            for (boolean transA : BOOLEANS) {
                for (boolean transB : BOOLEANS) {
                    Case c = Case.random(transA, transB, size[0], size[1], size[2], -0.5f, 0.25f, 3, 2, seed++);
                    c.check(c.run(false, 1), "scalar");
                    c.check(c.run(false, 2), "scalar, threads=2");
                }
            }
        }
    }

    @Test
    void alphaBetaOffsetsAndLeadingDims() {
        float[][] alphaBeta = {{1f, 1f}, {-0.5f, 0f}, {2f, 0.3f}, {0f, 0.5f}, {0f, 0f}, {1.5f, -1f}};
        long seed = 200;
        for (float[] ab : alphaBeta) {
            for (int[] size : new int[][] {{7, 31, 5}, {37, 45, 129}, {9, 40, 1100}}) {
                for (boolean transA : BOOLEANS) {
                    for (boolean transB : BOOLEANS) {
                        Case c = Case.random(transA, transB, size[0], size[1], size[2], ab[0], ab[1], 5, 3, seed++);
                        if (Simd.AVAILABLE) {
                            c.check(c.run(true, 1), "vector");
                            c.check(c.run(true, 2), "vector, threads=2");
                        }
                        c.check(c.run(false, 1), "scalar");
                    }
                }
            }
        }
    }

    /** A packed B gives the results of the plain call, bit for bit, on every split (rows, columns, several blocks). */
    @Test
    void packedBMatchesTheUnpackedProduct() {
        long seed = 400;
        int threads = Parallel.threads();
        try {
            for (int[] size : new int[][] {{7, 31, 5}, {1, 257, 7}, {64, 1030, 300}, {300, 40, 1100}, {37, 45, 129}}) {
                for (boolean transA : BOOLEANS) {
                    for (boolean transB : BOOLEANS) {
                        Case c = Case.random(transA, transB, size[0], size[1], size[2], 0.75f, 0.5f, 3, 2, seed++);
                        Sgemm.PackedB packed = Sgemm.pack(transB, c.k(), c.n(), c.b(), c.bOffset(), c.ldb());
                        for (int t : new int[] {1, 2}) {
                            Parallel.setThreads(t);
                            float[] plain = c.c().clone();
                            Sgemm.sgemm(transA, transB, c.m(), c.n(), c.k(), c.alpha(), c.a(), c.aOffset(), c.lda(), c.b(),
                                    c.bOffset(), c.ldb(), c.beta(), plain, c.cOffset(), c.ldc());
                            float[] fromPacked = c.c().clone();
                            Sgemm.sgemm(transA, c.m(), c.alpha(), c.a(), c.aOffset(), c.lda(), packed, c.beta(), fromPacked,
                                    c.cOffset(), c.ldc());
                            c.check(fromPacked, "packed B, threads=" + t);
                            if (!SgemmSmall.suits(c.m(), c.n(), c.k())) {
                                assertArrayEquals(plain, fromPacked, c.describe("packed vs plain, threads=" + t));
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    /** Split by rows with a B too large to pack once for all threads: each thread packs its own. */
    @Test
    void rowSplitWithALargeB() {
        int m = 520, n = 1040, k = 1010;
        assertTrue((long) k * n > SgemmDriver.SHARED_B_MAX && m / SgemmVector.MR > n / SgemmVector.NR);
        Case c = Case.random(false, false, m, n, k, 1f, 0f, 0, 0, 13);
        float[] two = c.run(Simd.AVAILABLE, 2);
        c.check(two, "threads=2, B not shared");
        assertArrayEquals(c.run(Simd.AVAILABLE, 1), two, c.describe("threads=2 vs 1"));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        for (int[] size : new int[][] {{257, 257, 257}, {1030, 20, 300}, {64, 4200, 40}}) {
            Case c = Case.random(false, true, size[0], size[1], size[2], 1f, 0.5f, 0, 0, 7);
            float[] one = c.run(Simd.AVAILABLE, 1);
            assertArrayEquals(one, c.run(Simd.AVAILABLE, 2), c.describe("threads=2 vs 1"));
            assertArrayEquals(one, c.run(Simd.AVAILABLE, 3), c.describe("threads=3 vs 1"));
        }
    }

    @Test
    void publicEntryPointMatchesReference() {
        Case c = Case.random(true, false, 45, 67, 89, 0.75f, 0f, 2, 1, 11);
        float[] out = c.c().clone();
        Sgemm.sgemm(true, false, 45, 67, 89, 0.75f, c.a(), 2, c.lda(), c.b(), 2, c.ldb(), 0f, out, 2, c.ldc());
        c.check(out, "Sgemm.sgemm");
    }

    @Test
    void emptyProductsOnlyScaleC() {
        float[] c = {1f, 2f, Float.NaN, 4f};
        Sgemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, c);
        float[] d = {1f, 2f, 3f, 4f};
        Sgemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 2f, d, 0, 2);
        assertArrayEquals(new float[] {2f, 4f, 6f, 8f}, d);
        Sgemm.sgemm(false, false, 0, 2, 3, 1f, new float[0], 0, 3, new float[6], 0, 2, 0f, new float[0], 0, 2);
    }

    @Test
    void badArgumentsNameTheOperandAndShowTheSizes() {
        float[] a = new float[6], b = new float[6], c = new float[4];
        assertEquals("sgemm: m, n and k must be >= 0; got m=-1, n=2, k=3", assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2)).getMessage());
        assertEquals("sgemm: lda must be >= max(1, 3), the row length of A (stored 2 x 3, transA=false); got 2",
                assertThrows(IllegalArgumentException.class,
                        () -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2)).getMessage());
        assertEquals("sgemm: array for B (stored 3 x 2, transB=false) at offset 1 with ldb=2 is too short; got length 6, expected >= 7",
                assertThrows(IllegalArgumentException.class,
                        () -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 1, 2, 0f, c, 0, 2)).getMessage());
        assertEquals("sgemm: array for C (stored 2 x 2) must not be null; got null", assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, null, 0, 2)).getMessage());
        assertEquals("sgemm: offset of A (stored 3 x 2, transA=true) must be >= 0; got -1", assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(true, false, 2, 2, 3, 1f, a, -1, 2, b, 0, 2, 0f, c, 0, 2)).getMessage());
    }
}
