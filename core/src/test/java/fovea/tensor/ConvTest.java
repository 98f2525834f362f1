package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * conv2d and conv_transpose2d: the lowered GEMM path against the seven-loop oracle on odd sizes (and on sizes
 * that take the threaded paths), finite differences for every derivative, and the argument errors.
 */
class ConvTest {
    private final SplittableRandom random = new SplittableRandom(7);

    private Tensor randn(int... dims) {
        return Tensor.randn(random, dims);
    }

    private static void assertClose(String what, float[] expected, Tensor actual) {
        float[] values = actual.toArray();
        assertEquals(expected.length, values.length, what + ": length");
        for (int i = 0; i < values.length; i++) {
            double tolerance = 1e-4 * Math.abs(expected[i]) + 2e-4;
            if (!(Math.abs(values[i] - expected[i]) <= tolerance)) {
                throw new AssertionError(what + ": element " + i + " is " + values[i] + ", expected " + expected[i]);
            }
        }
    }

    /** Forward and all gradients of conv2d against the oracle for one configuration. */
    private void checkConv2d(int batch, int channels, int filters, int height, int width, int kernel, ConvSpec spec,
                             boolean withBias) {
        Tensor x = randn(batch, channels, height, width).requiresGrad(true);
        Tensor w = randn(filters, channels / spec.groups(), kernel, kernel).requiresGrad(true);
        Tensor b = withBias ? randn(filters).requiresGrad(true) : null;
        Tensor y = Conv.conv2d(x, w, b, spec);
        Tensor upstream = randn(y.shape().dims());
        NaiveConv.Result expected = NaiveConv.conv2d(x, w, b, spec, upstream);
        String what = "conv2d " + x.shape() + " * " + w.shape() + " " + spec;
        assertClose(what + " output", expected.out(), y);
        y.backward(upstream);
        assertClose(what + " dx", expected.dx(), x.grad());
        assertClose(what + " dw", expected.dw(), w.grad());
        if (withBias) assertClose(what + " db", expected.db(), b.grad());
    }

    @Test void conv2dMatchesTheDirectLoopsOnOddSizes() {
        int checked = 0;
        for (int batch : new int[] {1, 3}) {
            for (int channels : new int[] {1, 3, 7}) {
                for (int[] size : new int[][] {{1, 1}, {7, 5}}) {
                    for (int kernel : new int[] {1, 3, 5}) {
                        for (int stride : new int[] {1, 2, 3}) {
                            for (int padding : new int[] {0, 2}) {
                                if (size[1] + 2 * padding < kernel) continue;
                                checkConv2d(batch, channels, channels == 7 ? 2 : 5, size[0], size[1], kernel,
                                        ConvSpec.of(stride, padding), (channels + kernel) % 2 == 0);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test void conv2dWithGroupsDilationAndUnevenSettings() {
        checkConv2d(3, 6, 4, 9, 7, 3, ConvSpec.defaults().withGroups(2).withDilation(2).withPadding(2, 1), true);
        checkConv2d(2, 6, 6, 8, 8, 3, ConvSpec.of(1, 1).withGroups(6), false);            // depthwise
        checkConv2d(1, 4, 8, 7, 5, 1, ConvSpec.defaults().withGroups(4), true);           // grouped pointwise
        checkConv2d(2, 3, 5, 11, 6, 3, ConvSpec.defaults().withStride(3, 1).withDilation(1, 2).withPadding(0, 3), true);
        checkConv2d(1, 2, 3, 6, 6, 2, ConvSpec.of(2, 0), true);                           // even kernel
    }

    @Test void conv2dOnSizesThatTakeTheThreadedPaths() {
        checkConv2d(3, 7, 16, 31, 29, 3, ConvSpec.of(1, 1), true);      // small images: spread over threads
        checkConv2d(2, 16, 32, 40, 37, 3, ConvSpec.of(1, 1), true);     // large images: GEMM threads inside
        checkConv2d(1, 8, 8, 100, 100, 3, ConvSpec.of(1, 1), true);     // columns in several strips
        checkConv2d(2, 64, 64, 40, 40, 1, ConvSpec.defaults(), true);   // 1x1: no unrolling, threaded GEMM
        checkConv2d(4, 2, 3, 150, 10, 5, ConvSpec.of(2, 2).withGroups(1), true);
    }

    /** Small output planes with a GEMM's worth of work per image go through the GEMM several images at a time. */
    @Test void conv2dBatchingImagesOfSmallPlanes() {
        checkConv2d(13, 64, 80, 9, 11, 3, ConvSpec.of(1, 1), true);                     // batches of 11 and 2
        checkConv2d(3, 128, 128, 8, 8, 3, ConvSpec.of(1, 1).withGroups(2), true);       // per group
        checkConv2d(3, 64, 128, 16, 16, 3, ConvSpec.of(2, 1), false);                   // stride 2: 8x8 outputs
        checkTranspose(3, 128, 64, 8, 8, 3, ConvTransposeSpec.of(1, 1, 0), true);       // the adjoint's batches
    }

    @Test void resultsAreTheSameEveryRun() {
        Tensor x = randn(3, 7, 31, 29);
        Tensor w = randn(16, 7, 3, 3).requiresGrad(true);
        float[][] grads = new float[2][];
        float[][] outs = new float[2][];
        for (int run = 0; run < 2; run++) {
            w.zeroGrad();
            Tensor y = Conv.conv2d(x, w, null, ConvSpec.of(2, 1));
            y.sum().backward();
            outs[run] = y.toArray();
            grads[run] = w.grad().toArray();
        }
        assertArrayEquals(outs[0], outs[1]);
        assertArrayEquals(grads[0], grads[1]);
    }

    /** Forward and all gradients of conv_transpose2d against the oracle for one configuration. */
    private void checkTranspose(int batch, int channels, int filters, int height, int width, int kernel,
                                ConvTransposeSpec spec, boolean withBias) {
        Tensor x = randn(batch, channels, height, width).requiresGrad(true);
        Tensor w = randn(channels, filters / spec.groups(), kernel, kernel).requiresGrad(true);
        Tensor b = withBias ? randn(filters).requiresGrad(true) : null;
        Tensor y = Conv.convTranspose2d(x, w, b, spec);
        Tensor upstream = randn(y.shape().dims());
        NaiveConv.Result expected = NaiveConv.convTranspose2d(x, w, b, spec, upstream);
        String what = "conv_transpose2d " + x.shape() + " * " + w.shape() + " " + spec;
        assertClose(what + " output", expected.out(), y);
        y.backward(upstream);
        assertClose(what + " dx", expected.dx(), x.grad());
        assertClose(what + " dw", expected.dw(), w.grad());
        if (withBias) assertClose(what + " db", expected.db(), b.grad());
    }

    @Test void convTranspose2dMatchesTheDirectLoopsOnOddSizes() {
        int checked = 0;
        for (int batch : new int[] {1, 3}) {
            for (int channels : new int[] {1, 3, 7}) {
                for (int[] size : new int[][] {{1, 1}, {7, 5}}) {
                    for (int kernel : new int[] {1, 3, 5}) {
                        for (int stride : new int[] {1, 2, 3}) {
                            for (int padding : new int[] {0, 1}) {
                                if ((size[0] - 1) * stride - 2 * padding + kernel < 1) continue;
                                checkTranspose(batch, channels, 4, size[0], size[1], kernel,
                                        ConvTransposeSpec.of(stride, padding, stride - 1), kernel != 3);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
        checkTranspose(2, 4, 6, 5, 6, 3, ConvTransposeSpec.of(2, 1, 1).withGroups(2).withDilation(2), true);
        checkTranspose(1, 2, 2, 4, 4, 2, ConvTransposeSpec.defaults().withStride(1).withDilation(3).withOutputPadding(2), true);
        checkTranspose(2, 32, 16, 20, 20, 4, ConvTransposeSpec.of(2, 1, 0), true);   // threaded paths
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, inputs);
        assertTrue(report.passed(), report::toString);
    }

    @Test void conv2dDerivativesPassTheGradientCheck() {
        assertPasses(t -> Conv.conv2d(t[0], t[1], t[2], ConvSpec.of(2, 1)), randn(2, 3, 6, 5), randn(4, 3, 3, 3), randn(4));
        assertPasses(t -> Conv.conv2d(t[0], t[1], null, ConvSpec.of(1, 2).withDilation(2).withGroups(2)),
                randn(2, 4, 5, 6), randn(6, 2, 3, 2));
        assertPasses(t -> Conv.conv2d(t[0], t[1], null, ConvSpec.defaults().withStride(2, 3)), randn(1, 2, 7, 8), randn(3, 2, 1, 1));
    }

    @Test void convTranspose2dDerivativesPassTheGradientCheck() {
        assertPasses(t -> Conv.convTranspose2d(t[0], t[1], t[2], ConvTransposeSpec.of(2, 1, 1)),
                randn(2, 3, 4, 3), randn(3, 2, 3, 3), randn(2));
        assertPasses(t -> Conv.convTranspose2d(t[0], t[1], null, ConvTransposeSpec.of(2, 1, 0).withDilation(2).withGroups(2)),
                randn(1, 4, 3, 4), randn(4, 3, 2, 3));
    }

    @Test void onlyTheInputsThatRequireGradGetOne() {
        Tensor x = randn(1, 2, 5, 5);
        Tensor w = randn(3, 2, 3, 3).requiresGrad(true);
        Tensor b = randn(3);
        Conv.conv2d(x, w, b).sum().backward();
        assertNull(x.grad());
        assertNull(b.grad());
        assertEquals(w.shape(), w.grad().shape());
        assertEquals("conv2d", Conv.conv2d(x, w, null).op());
        assertEquals("conv_transpose2d", Conv.convTranspose2d(randn(1, 3, 2, 2), w, null).op());
    }

    private static String error(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test void errorsNameTheOpAndShowEveryShape() {
        Tensor x = randn(2, 3, 8, 8);
        assertEquals("conv2d: weight expects 4 input channels (4 per group of 1), the input has 3; got input "
                        + "[2, 3, 8, 8], weight [6, 4, 3, 3], bias none with stride=(1, 1), padding=(0, 0), "
                        + "dilation=(1, 1), groups=1",
                error(() -> Conv.conv2d(x, randn(6, 4, 3, 3), null)));
        assertTrue(error(() -> Conv.conv2d(x, randn(6, 1, 3, 3), null, ConvSpec.defaults().withGroups(2)))
                .startsWith("conv2d: input channels 3 and filters 6 must be divisible by groups 2; got input [2, 3, 8, 8]"));
        assertTrue(error(() -> Conv.conv2d(x, randn(6, 3, 9, 9), randn(6)))
                .startsWith("conv2d: the kernel does not fit the padded input: output size 0x0"));
        assertTrue(error(() -> Conv.conv2d(x, randn(6, 3, 3, 3), randn(5))).contains("expected bias [6]"));
        assertTrue(error(() -> Conv.conv2d(randn(3, 8, 8), randn(6, 3, 3, 3), null))
                .startsWith("conv2d: expected input [N, C, H, W] and weight [K, C/groups, kh, kw]; got input [3, 8, 8]"));
        assertTrue(error(() -> Conv.convTranspose2d(x, randn(4, 2, 3, 3), null))
                .startsWith("conv_transpose2d: weight expects 4 input channels, the input has 3; got input [2, 3, 8, 8], weight [4, 2, 3, 3]"));
        assertTrue(error(() -> Conv.convTranspose2d(randn(1, 2, 1, 1), randn(2, 2, 1, 1), null, ConvTransposeSpec.of(1, 1, 0)))
                .startsWith("conv_transpose2d: the padding removes the whole output: output size -1x-1"));
        assertTrue(error(() -> ConvSpec.of(0, 1)).startsWith("conv2d: expected stride >= 1"));
        assertTrue(error(() -> ConvTransposeSpec.of(2, 0, 2)).startsWith("conv_transpose2d: output padding must be smaller"));
    }
}
