package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorized, parallel pooling and batch-norm loops against their plain twins, on odd sizes. */
class ImageLoopsTest {
    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) random.nextGaussian();
        return values;
    }

    /** Few distinct values, so most windows hold ties. */
    private static float[] coarse(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = random.nextInt(3);
        return values;
    }

    /** Gaussian values with every fifth or so a NaN, so some windows hold one NaN and some several. */
    private static float[] withNaNs(int n, long seed) {
        float[] values = random(n, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < n; i++) if (random.nextInt(5) == 0) values[i] = Float.NaN;
        return values;
    }

    /** Geometries on odd planes (1, 7, 31 wide and more), with padding, dilation, strides and a ceil-mode remainder. */
    private static List<PoolGeometry> geometries() {
        List<PoolGeometry> all = new ArrayList<>();
        int[][] shapes = {{1, 1}, {7, 7}, {5, 31}, {28, 28}, {10, 10}, {33, 17}, {3, 1000}};
        int[][] windows = {{1, 1, 0, 1}, {2, 2, 0, 1}, {3, 2, 1, 1}, {3, 1, 1, 1}, {2, 1, 0, 1}, {3, 2, 1, 2}, {5, 3, 2, 1}};
        for (int[] s : shapes) {
            for (int[] w : windows) {
                int k = w[0], stride = w[1], pad = w[2], dilation = w[3];
                int span = (k - 1) * dilation + 1;
                int outH = (s[0] + 2 * pad - span) / stride + 1;
                int outW = (s[1] + 2 * pad - span) / stride + 1;
                if (s[0] + 2 * pad < span || s[1] + 2 * pad < span || pad > span / 2) continue;
                all.add(new PoolGeometry(s[0], s[1], outH, outW, k, k, stride, stride, pad, pad, dilation, dilation));
            }
        }
        all.add(new PoolGeometry(9, 8, 5, 3, 3, 2, 2, 3, 1, 1, 1, 1));    // rectangular kernel and strides
        return all;
    }

    @Test void maxPoolingMatchesPlainIncludingTiesAndNaNs() {
        for (PoolGeometry g : geometries()) {
            for (int planes : new int[] {1, 3, 70}) {
                int n = planes * g.inPlane();
                for (float[] x : List.of(random(n, 1), coarse(n, 2), withNaNs(n, 3))) {
                    float[] fast = new float[planes * g.outPlane()];
                    float[] plain = new float[fast.length];
                    int[] fastIndex = new int[fast.length];
                    int[] plainIndex = new int[fast.length];
                    PoolLoops.maxForward(x, fast, fastIndex, planes, g);
                    PoolLoops.maxPlanesPlain(x, plain, plainIndex, 0, planes, g);
                    assertArrayEquals(plain, fast, g.toString());
                    assertArrayEquals(plainIndex, fastIndex, g.toString());
                }
            }
        }
    }

    /** The scalar 2x2 loop, the path without the Vector API, which the tests above do not reach. */
    @Test void plainTwoByTwoLoopMatchesPlain() {
        for (PoolGeometry g : geometries()) {
            if (!PoolLoops.isPlain2x2(g)) continue;
            int planes = 3;
            int n = planes * g.inPlane();
            for (float[] x : List.of(random(n, 1), coarse(n, 2), withNaNs(n, 3))) {
                float[] fast = new float[planes * g.outPlane()], plain = new float[fast.length];
                int[] fastIndex = new int[fast.length], plainIndex = new int[fast.length];
                PoolLoops.maxPlanes2x2(x, fast, fastIndex, 0, planes, g);
                PoolLoops.maxPlanesPlain(x, plain, plainIndex, 0, planes, g);
                assertArrayEquals(plain, fast, g.toString());
                assertArrayEquals(plainIndex, fastIndex, g.toString());
            }
        }
    }

    @Test void maxPoolingBackwardRoutesToTheArgmax() {
        PoolGeometry g = new PoolGeometry(4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1);
        float[] x = {1, 5, 0, 0, 2, 3, 0, 9, 7, 7, 1, 1, 7, 6, 1, 2};
        float[] out = new float[4];
        int[] argmax = new int[4];
        PoolLoops.maxForward(x, out, argmax, 1, g);
        assertArrayEquals(new float[] {5, 9, 7, 2}, out);
        assertArrayEquals(new int[] {1, 7, 8, 15}, argmax);     // the first of the tied 7s
        float[] gradIn = new float[16];
        PoolLoops.maxBackward(new float[] {1, 2, 3, 4}, argmax, gradIn, 1, g);
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 2, 3, 0, 0, 0, 0, 0, 0, 4}, gradIn);
    }

    @Test void maxPoolingPropagatesNaN() {
        PoolGeometry g = new PoolGeometry(2, 9, 1, 4, 2, 2, 2, 2, 0, 0, 1, 1);
        float[] x = random(18, 3);
        x[11] = Float.NaN;
        float[] out = new float[4];
        PoolLoops.maxForward(x, out, new int[4], 1, g);
        assertTrue(Float.isNaN(out[1]), () -> java.util.Arrays.toString(out));
    }

    @Test void averagePoolingMatchesPlain() {
        for (PoolGeometry g : geometries()) {
            if (g.dilationH() != 1) continue;
            for (boolean includePad : new boolean[] {true, false}) {
                int planes = 5;
                float[] x = random(planes * g.inPlane(), 4);
                float[] fast = new float[planes * g.outPlane()];
                float[] plain = new float[fast.length];
                PoolLoops.avgForward(x, fast, planes, g, includePad);
                PoolLoops.avgPlanesPlain(x, plain, 0, planes, g, includePad);
                assertClose(plain, fast, g.toString());
                float[] grad = random(fast.length, 5);
                float[] fastBack = new float[x.length];
                float[] plainBack = new float[x.length];
                PoolLoops.avgBackward(grad, fastBack, planes, g, includePad);
                PoolLoops.avgBackwardPlanesPlain(grad, plainBack, 0, planes, g, includePad);
                assertClose(plainBack, fastBack, g.toString());
            }
        }
    }

    @Test void adaptiveWindowsFollowPyTorch() {
        // 7 -> 3: [0, 3), [2, 5), [4, 7), overlapping where 7/3 is not whole
        assertEquals(List.of(0, 2, 4), List.of(PoolLoops.adaptiveStart(0, 7, 3), PoolLoops.adaptiveStart(1, 7, 3),
                PoolLoops.adaptiveStart(2, 7, 3)));
        assertEquals(List.of(3, 5, 7), List.of(PoolLoops.adaptiveEnd(0, 7, 3), PoolLoops.adaptiveEnd(1, 7, 3),
                PoolLoops.adaptiveEnd(2, 7, 3)));
    }

    @Test void batchNormLoopsMatchPlain() {
        int[][] shapes = {{1, 1, 2}, {2, 3, 1}, {3, 5, 7}, {2, 4, 31}, {4, 3, 1000}, {64, 7, 9}};
        for (int[] s : shapes) {
            int batch = s[0], channels = s[1], plane = s[2];
            int n = batch * channels * plane;
            float[] x = random(n, 6);
            for (int i = 0; i < n; i++) x[i] = x[i] * 3 + 10;      // an offset, as activations have
            float[] mean = new float[channels], var = new float[channels];
            float[] meanPlain = new float[channels], varPlain = new float[channels];
            BatchNormLoops.moments(x, batch, channels, plane, mean, var);
            BatchNormLoops.momentsPlain(x, batch, channels, plane, meanPlain, varPlain);
            assertClose(meanPlain, mean, "mean " + java.util.Arrays.toString(s));
            assertClose(varPlain, var, "var " + java.util.Arrays.toString(s));

            float[] scale = random(channels, 7), shift = random(channels, 8);
            float[] out = new float[n], outPlain = new float[n];
            BatchNormLoops.scaleShift(x, out, batch, channels, plane, scale, shift);
            BatchNormLoops.scaleShiftPlain(x, outPlain, batch, channels, plane, scale, shift);
            assertClose(outPlain, out, "scaleShift");

            float[] g = random(n, 9);
            float[] sumG = new float[channels], sumGc = new float[channels];
            float[] sumGPlain = new float[channels], sumGcPlain = new float[channels];
            BatchNormLoops.gradientSums(g, x, batch, channels, plane, mean, sumG, sumGc);
            BatchNormLoops.gradientSumsPlain(g, x, batch, channels, plane, mean, sumGPlain, sumGcPlain);
            assertClose(sumGPlain, sumG, "sum g");
            assertClose(sumGcPlain, sumGc, "sum g (x - mean)");

            float[] a = random(channels, 10), b = random(channels, 11), d = random(channels, 12);
            float[] back = new float[n], backPlain = new float[n];
            BatchNormLoops.inputGradient(g, x, back, batch, channels, plane, a, b, d);
            BatchNormLoops.inputGradientPlain(g, x, backPlain, batch, channels, plane, a, b, d);
            assertClose(backPlain, back, "input gradient");
        }
    }

    /** Fast paths sum in another order (lanes, then rows), so agreement is to float rounding, not bit for bit. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float tolerance = 1e-5f * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
