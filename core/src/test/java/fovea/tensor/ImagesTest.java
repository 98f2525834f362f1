package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused image ops against plain-loop oracles written here in double (and batch norm against its composed
 * twin), their derivatives against finite differences, and their errors.
 */
class ImagesTest {
    private final SplittableRandom random = new SplittableRandom(7);

    private Tensor randn(int... dims) {
        return Tensor.randn(random, dims);
    }

    /** Distinct values at least 0.05 apart in shuffled order: max pooling is away from ties, GradCheck's step is 1e-2. */
    private Tensor spaced(int... dims) {
        int n = Shape.of(dims).numel();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (i - n / 2f) * 0.05f;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return Tensor.of(values, dims);
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, inputs);
        assertTrue(report.passed(), report::toString);
    }

    private static void assertClose(double[] expected, Tensor actual, double tolerance, String what) {
        float[] got = actual.toArray();
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < got.length; i++) {
            if (!(Math.abs(got[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]);
            }
        }
    }

    // ---- oracles: each output pixel computed from its definition -------------------------------------------

    /** max pooling and the gradient of sum(out * upstream): to the first max of each window in row-major order. */
    private static double[][] maxPoolOracle(Tensor x, Images.Window w, Tensor upstream) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        int oh = upstream.size(2), ow = upstream.size(3);
        double[] out = new double[n * c * oh * ow];
        double[] grad = new double[x.numel()];
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int where = -1;
                    for (int a = 0; a < w.kernelH(); a++) {
                        for (int b = 0; b < w.kernelW(); b++) {
                            int r = i * w.strideH() - w.padH() + a * w.dilationH();
                            int s = j * w.strideW() - w.padW() + b * w.dilationW();
                            if (r < 0 || r >= h || s < 0 || s >= wd) continue;
                            double v = x.data[(p * h + r) * wd + s];
                            if (v > best) {
                                best = v;
                                where = (p * h + r) * wd + s;
                            }
                        }
                    }
                    int o = (p * oh + i) * ow + j;
                    out[o] = best;
                    grad[where] += upstream.data[o];
                }
            }
        }
        return new double[][] {out, grad};
    }

    private static double[] avgPoolOracle(Tensor x, Images.Window w, boolean includePad, int oh, int ow) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        double[] out = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double sum = 0;
                    int inside = 0, padded = 0;
                    for (int a = 0; a < w.kernelH(); a++) {
                        for (int b = 0; b < w.kernelW(); b++) {
                            int r = i * w.strideH() - w.padH() + a;
                            int s = j * w.strideW() - w.padW() + b;
                            if (r >= h + w.padH() || s >= wd + w.padW()) continue;   // beyond the padding (ceil mode)
                            padded++;
                            if (r < 0 || r >= h || s < 0 || s >= wd) continue;
                            inside++;
                            sum += x.data[(p * h + r) * wd + s];
                        }
                    }
                    out[(p * oh + i) * ow + j] = sum / (includePad ? padded : inside);
                }
            }
        }
        return out;
    }

    private static double[] adaptiveOracle(Tensor x, int oh, int ow) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        double[] out = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int r0 = (int) Math.floor((double) i * h / oh), r1 = (int) Math.ceil((double) (i + 1) * h / oh);
                    int s0 = (int) Math.floor((double) j * wd / ow), s1 = (int) Math.ceil((double) (j + 1) * wd / ow);
                    double sum = 0;
                    for (int r = r0; r < r1; r++) for (int s = s0; s < s1; s++) sum += x.data[(p * h + r) * wd + s];
                    out[(p * oh + i) * ow + j] = sum / ((r1 - r0) * (s1 - s0));
                }
            }
        }
        return out;
    }

    private static double[] lrnOracle(Tensor x, int size, double alpha, double beta, double k) {
        int n = x.size(0), c = x.size(1), plane = x.numel() / (n * c);
        double[] out = new double[x.numel()];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < plane; i++) {
                    double sum = 0;
                    for (int j = ch - size / 2; j <= ch + (size - 1) / 2; j++) {
                        if (j >= 0 && j < c) sum += Math.pow(x.data[(b * c + j) * plane + i], 2);
                    }
                    int at = (b * c + ch) * plane + i;
                    out[at] = x.data[at] / Math.pow(k + alpha / size * sum, beta);
                }
            }
        }
        return out;
    }

    /** Bilinear, align_corners=False: source (dst + 0.5) in/out - 0.5, clamped at 0; neighbours clamped at the edge. */
    private static double[] bilinearOracle(Tensor x, int oh, int ow) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        double[] out = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                double sr = Math.max(0, (i + 0.5) * h / oh - 0.5);
                int r0 = (int) sr, r1 = Math.min(r0 + 1, h - 1);
                double fr = sr - r0;
                for (int j = 0; j < ow; j++) {
                    double sc = Math.max(0, (j + 0.5) * wd / ow - 0.5);
                    int c0 = (int) sc, c1 = Math.min(c0 + 1, wd - 1);
                    double fc = sc - c0;
                    double top = (1 - fc) * x.data[(p * h + r0) * wd + c0] + fc * x.data[(p * h + r0) * wd + c1];
                    double bottom = (1 - fc) * x.data[(p * h + r1) * wd + c0] + fc * x.data[(p * h + r1) * wd + c1];
                    out[(p * oh + i) * ow + j] = (1 - fr) * top + fr * bottom;
                }
            }
        }
        return out;
    }

    // ---- pooling ---------------------------------------------------------------------------------------------

    @Test void maxPoolingMatchesTheOracleOnOddSizes() {
        Images.Window[] windows = {Images.Window.of(2, 2, 0), Images.Window.of(3, 2, 1), Images.Window.of(3, 1, 1),
            Images.Window.of(3, 2, 1).withDilation(2).withCeilMode(true), new Images.Window(3, 2, 2, 1, 1, 0, 1, 1, false)};
        for (Images.Window w : windows) {
            for (int[] dims : new int[][] {{1, 1, 7, 7}, {2, 3, 9, 31}, {3, 2, 11, 5}}) {
                Tensor x = randn(dims).requiresGrad(true);
                Tensor y = Images.maxPool2d(x, w);
                Tensor upstream = randn(y.shape().dims());
                y.mul(upstream).sum().backward();
                double[][] oracle = maxPoolOracle(x, w, upstream);
                assertClose(oracle[0], y, 0, w + " forward");
                assertClose(oracle[1], x.grad(), 1e-6, w + " gradient");
            }
        }
    }

    @Test void maxPoolingGradientGoesToTheFirstOfTiedMaxima() {
        Tensor x = Tensor.of(new float[] {3, 3, 3, 3}, 1, 1, 2, 2).requiresGrad(true);
        Images.maxPool2d(x, 2).sum().backward();
        assertArrayEquals(new float[] {1, 0, 0, 0}, x.grad().toArray());
    }

    @Test void averagePoolingMatchesTheOracle() {
        Images.Window[] windows = {Images.Window.of(2, 2, 0), Images.Window.of(3, 2, 1), Images.Window.of(3, 2, 1).withCeilMode(true),
            new Images.Window(2, 3, 1, 2, 1, 1, 1, 1, false)};
        for (Images.Window w : windows) {
            for (boolean includePad : new boolean[] {true, false}) {
                Tensor x = randn(2, 3, 7, 10);
                Tensor y = Images.avgPool2d(x, w, includePad);
                assertClose(avgPoolOracle(x, w, includePad, y.size(2), y.size(3)), y, 1e-6, w + " pad " + includePad);
            }
        }
    }

    @Test void adaptiveAndGlobalAveragePoolingMatchTheOracle() {
        Tensor x = randn(2, 3, 7, 5);
        for (int[] out : new int[][] {{1, 1}, {3, 2}, {7, 5}, {4, 4}, {2, 9}}) {
            assertClose(adaptiveOracle(x, out[0], out[1]), Images.adaptiveAvgPool2d(x, out[0], out[1]), 1e-6,
                    "to " + out[0] + "x" + out[1]);
        }
        assertClose(adaptiveOracle(x, 1, 1), Images.globalAvgPool(x), 1e-6, "global");
        assertEquals(Shape.of(2, 3, 1, 1), Images.globalAvgPool(x).shape());
    }

    @Test void poolingGradientsMatchFiniteDifferences() {
        assertPasses(t -> Images.maxPool2d(t[0], 2), spaced(2, 2, 4, 5));
        assertPasses(t -> Images.maxPool2d(t[0], Images.Window.of(3, 2, 1).withDilation(2).withCeilMode(true)), spaced(1, 2, 7, 6));
        assertPasses(t -> Images.avgPool2d(t[0], 3, 2, 1), randn(2, 2, 5, 6));
        assertPasses(t -> Images.avgPool2d(t[0], Images.Window.of(3, 2, 1).withCeilMode(true), false), randn(1, 2, 6, 5));
        assertPasses(t -> Images.adaptiveAvgPool2d(t[0], 3, 2), randn(2, 2, 7, 5));
        assertPasses(t -> Images.globalAvgPool(t[0]), randn(2, 3, 3, 4));
    }

    @Test void outputSizesFollowTheFloorAndCeilRules() {
        assertEquals(Shape.of(1, 1, 4, 4), Images.maxPool2d(randn(1, 1, 7, 7), 3, 2, 1).shape());
        assertEquals(Shape.of(1, 1, 2, 2), Images.maxPool2d(randn(1, 1, 6, 6), 3, 2, 0).shape());
        assertEquals(Shape.of(1, 1, 3, 3), Images.maxPool2d(randn(1, 1, 6, 6), Images.Window.of(3, 2, 0).withCeilMode(true)).shape());
        // ceil mode drops a last window that would start in the padding
        assertEquals(Shape.of(1, 1, 3, 3), Images.avgPool2d(randn(1, 1, 5, 5), Images.Window.of(2, 2, 1).withCeilMode(true), true).shape());
        assertEquals(Shape.of(2, 3, 14, 14), Images.maxPool2d(randn(2, 3, 28, 28), 2).shape());
    }

    @Test void poolingErrorsNameTheOpWindowAndShape() {
        var tooSmall = assertThrows(IllegalArgumentException.class, () -> Images.maxPool2d(randn(1, 3, 2, 2), 3, 1, 0));
        assertTrue(tooSmall.getMessage().startsWith("maxPool2d: the 3x3 window") && tooSmall.getMessage().contains("[1, 3, 2, 2]"),
                tooSmall.getMessage());
        var padding = assertThrows(IllegalArgumentException.class, () -> Images.avgPool2d(randn(1, 1, 8, 8), 2, 2, 2));
        assertTrue(padding.getMessage().startsWith("avgPool2d: padding must be at most half"), padding.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> Images.maxPool2d(randn(3, 8, 8), 2));
        assertEquals("maxPool2d: expected input [N, C, H, W]; got [3, 8, 8]", rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Images.Window.of(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Images.adaptiveAvgPool2d(randn(1, 1, 4, 4), 0, 2));
    }

    // ---- batch norm ------------------------------------------------------------------------------------------

    /** The composed twin: batch statistics from mean and the biased variance, normalized, scaled, shifted. */
    private static Tensor composedBatchNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        int[] dims = {0, 2, 3};
        Tensor mean = x.mean(dims, true);
        Tensor centered = x.sub(mean);
        Tensor var = centered.mul(centered).mean(dims, true);
        Tensor normalized = centered.div(var.add(eps).sqrt());
        int c = x.size(1);
        return normalized.mul(weight.reshape(1, c, 1, 1)).add(bias.reshape(1, c, 1, 1));
    }

    @Test void batchNormTrainingMatchesItsComposedTwin() {
        for (int[] dims : new int[][] {{2, 3, 5, 7}, {1, 1, 1, 31}, {7, 4, 1, 1}, {3, 2, 13, 11}}) {
            Tensor x = randn(dims).mul(3f).add(2f);
            Tensor weight = randn(dims[1]);
            Tensor bias = randn(dims[1]);
            Tensor upstream = randn(dims);
            Tensor[] fused = {x.detach().requiresGrad(true), weight.detach().requiresGrad(true), bias.detach().requiresGrad(true)};
            Tensor[] composed = {x.detach().requiresGrad(true), weight.detach().requiresGrad(true), bias.detach().requiresGrad(true)};
            Tensor y = Images.batchNorm2d(fused[0], fused[1], fused[2], null, null, true, 0.1f, 1e-5f);
            Tensor z = composedBatchNorm(composed[0], composed[1], composed[2], 1e-5f);
            assertEquals("batchNorm2d", y.op());
            y.mul(upstream).sum().backward();
            z.mul(upstream).sum().backward();
            assertClose(toDouble(z), y, 1e-5, "forward");
            for (int i = 0; i < 3; i++) assertClose(toDouble(composed[i].grad()), fused[i].grad(), 1e-4, "gradient " + i);
        }
    }

    private static double[] toDouble(Tensor t) {
        float[] values = t.toArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    @Test void batchNormUpdatesRunningStatisticsWithTheUnbiasedVariance() {
        Tensor x = randn(4, 2, 3, 3);
        Tensor runningMean = Tensor.of(new float[] {0.5f, -1f}, 2);
        Tensor runningVar = Tensor.of(new float[] {2f, 1f}, 2);
        Images.batchNorm2d(x, null, null, runningMean, runningVar, true, 0.25f, 1e-5f);
        Tensor mean = x.mean(new int[] {0, 2, 3}, false);
        Tensor var = x.var(new int[] {0, 2, 3}, false);      // unbiased
        for (int c = 0; c < 2; c++) {
            float[] oldMean = {0.5f, -1f}, oldVar = {2f, 1f};
            assertEquals(0.75f * oldMean[c] + 0.25f * mean.get(c), runningMean.get(c), 1e-5);
            assertEquals(0.75f * oldVar[c] + 0.25f * var.get(c), runningVar.get(c), 1e-5);
        }
    }

    @Test void batchNormEvaluationUsesTheRunningStatistics() {
        Tensor x = randn(2, 3, 4, 5);
        Tensor weight = randn(3), bias = randn(3);
        Tensor runningMean = randn(3);
        Tensor runningVar = Tensor.rand(random, 3).add(0.5f);
        float[] meanBefore = runningMean.toArray();
        float[] varBefore = runningVar.toArray();
        Tensor y = Images.batchNorm2d(x, weight, bias, runningMean, runningVar, false, 0.1f, 1e-3f);
        double[] expected = new double[x.numel()];
        for (int i = 0; i < expected.length; i++) {
            int c = (i / 20) % 3;
            expected[i] = (x.data[i] - runningMean.data[c]) / Math.sqrt(runningVar.data[c] + 1e-3) * weight.data[c] + bias.data[c];
        }
        assertClose(expected, y, 1e-5, "eval");
        assertArrayEquals(meanBefore, runningMean.toArray(), "evaluation leaves the running statistics alone");
        assertArrayEquals(varBefore, runningVar.toArray());
    }

    @Test void batchNormGradientsMatchFiniteDifferences() {
        assertPasses(t -> Images.batchNorm2d(t[0], t[1], t[2], null, null, true, 0.1f, 1e-5f),
                randn(3, 2, 3, 4), randn(2), randn(2));
        Tensor runningMean = randn(2);
        Tensor runningVar = Tensor.rand(random, 2).add(0.5f);
        assertPasses(t -> Images.batchNorm2d(t[0], t[1], t[2], runningMean, runningVar, false, 0.1f, 1e-5f),
                randn(2, 2, 3, 3), randn(2), randn(2));
        assertPasses(t -> Images.batchNorm2d(t[0], null, null, null, null, true, 0.1f, 1e-5f), randn(2, 3, 2, 2));
    }

    @Test void batchNormErrorsShowTheShapes() {
        var weight = assertThrows(IllegalArgumentException.class,
                () -> Images.batchNorm2d(randn(2, 3, 4, 4), randn(4), null, null, null, true, 0.1f, 1e-5f));
        assertEquals("batchNorm2d: expected weight [3] for input [2, 3, 4, 4]; got [4]", weight.getMessage());
        var single = assertThrows(IllegalArgumentException.class,
                () -> Images.batchNorm2d(randn(1, 3, 1, 1), null, null, null, null, true, 0.1f, 1e-5f));
        assertTrue(single.getMessage().contains("more than 1 value per channel"), single.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Images.batchNorm2d(randn(2, 3, 4, 4), null, null, null, null, false, 0.1f, 1e-5f));
    }

    // ---- local response norm and upsampling --------------------------------------------------------------------

    @Test void localResponseNormMatchesTheOracle() {
        Tensor x = randn(2, 7, 3, 5).mul(2f);
        for (int size : new int[] {1, 2, 3, 5, 8}) {
            assertClose(lrnOracle(x, size, 0.3, 0.75, 2), Images.localResponseNorm(x, size, 0.3f, 0.75f, 2f), 1e-5, "size " + size);
        }
        assertClose(lrnOracle(x, 5, 1e-4, 0.75, 1), Images.localResponseNorm(x, 5, 1e-4f, 0.75f, 1f), 1e-6, "AlexNet's");
        assertPasses(t -> Images.localResponseNorm(t[0], 3, 0.5f, 0.75f, 1f), randn(2, 5, 2, 3));
        assertPasses(t -> Images.localResponseNorm(t[0], 4, 0.3f, 0.6f, 2f), randn(1, 6, 3));
    }

    @Test void nearestUpsamplingRepeatsPixels() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6},
                Images.upsampleNearest(x, 2.0).toArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, Images.upsampleNearest(x, 2, 2).toArray());    // columns floor(dst * 3/2)
        assertPasses(t -> Images.upsampleNearest(t[0], 5, 7), randn(1, 2, 3, 4));
        assertPasses(t -> Images.upsampleNearest(t[0], 1.5), randn(2, 1, 3, 3));
    }

    @Test void bilinearUpsamplingMatchesTheOracle() {
        Tensor x = randn(2, 3, 5, 7);
        for (int[] out : new int[][] {{10, 14}, {7, 9}, {3, 4}, {5, 7}, {1, 1}, {13, 2}}) {
            assertClose(bilinearOracle(x, out[0], out[1]), Images.upsampleBilinear(x, out[0], out[1]), 1e-5,
                    "to " + out[0] + "x" + out[1]);
        }
        assertEquals(Shape.of(2, 3, 10, 14), Images.upsampleBilinear(x, 2.0).shape());
        assertPasses(t -> Images.upsampleBilinear(t[0], 2.0), randn(1, 2, 3, 4));
        assertPasses(t -> Images.upsampleBilinear(t[0], 2, 5), randn(1, 2, 5, 3));
        var error = assertThrows(IllegalArgumentException.class, () -> Images.upsampleBilinear(randn(1, 1, 3, 3), 0.2));
        assertTrue(error.getMessage().startsWith("upsampleBilinear: expected"), error.getMessage());
    }
}
