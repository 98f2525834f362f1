package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The direct convolution and the lowering onto the GEMM against plain loops, on odd geometries, for all three products. */
class DirectConvTest {
    private final SplittableRandom random = new SplittableRandom(5);

    @Test void allThreeProductsMatchPlainLoops() {
        assumeVector();
        // images, channels, height, width, filters, kernelH, kernelW, padH, padW, groups
        int[][] cases = {
            {3, 5, 11, 13, 7, 3, 3, 1, 1, 1},     // filters not a multiple of the tile
            {2, 1, 28, 28, 6, 5, 5, 2, 2, 1},     // LeNet-5's first layer
            {2, 6, 14, 14, 16, 5, 5, 0, 0, 1},    // no padding
            {3, 4, 9, 17, 20, 3, 5, 1, 2, 2},     // a rectangular kernel, groups
            {1, 3, 1, 31, 33, 1, 3, 0, 1, 1},     // one row, 1 x 3 kernel
            {4, 16, 8, 8, 32, 3, 3, 1, 1, 1},
            {2, 40, 6, 10, 150, 3, 3, 1, 1, 1},   // several tap blocks and filter blocks
            {2, 2, 7, 5, 3, 2, 2, 1, 0, 1},       // an even kernel
            {2, 2, 5, 3, 4, 3, 5, 1, 4, 1},       // a kernel wider than the image
            {2, 2, 6, 20, 5, 1, 9, 0, 4, 1},      // a kernel row longer than a vector
            {2, 3, 1, 17, 6, 3, 3, 1, 1, 1},      // one row, padded above and below
            {1, 2, 40, 40, 17, 3, 3, 1, 1, 1},    // two blocks of positions for the weight gradient
            {2, 43, 5, 6, 9, 3, 3, 1, 1, 1},      // 129 kernel rows: blocks of 65 and 64
            {1, 3, 5, 6, 300, 3, 3, 1, 1, 1},     // two filter blocks with 8-row tiles (32 tiles of 8 filters each)
        };
        for (int[] c : cases) {
            ConvGeometry g = ConvGeometry.of(c[1], c[2], c[3], c[5], c[6], 1, 1, c[7], c[8], 1, 1);
            check(new ConvGemm.Problem(g, c[0], c[4], c[9]), DirectConv::forward, DirectConv::backwardData,
                    DirectConv::backwardWeight, "direct " + Arrays.toString(c));
        }
    }

    /** The same oracle for the lowering onto the GEMM, on what it keeps: strides, dilation, small planes. */
    @Test void theLoweringOntoTheGemmMatchesTheSameLoops() {
        ConvGeometry[] geometries = {
            ConvGeometry.of(6, 11, 13, 3, 3, 2, 2, 1, 1, 1, 1),
            ConvGeometry.of(4, 12, 12, 3, 3, 1, 1, 2, 2, 2, 2),
            ConvGeometry.of(6, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1),     // several images per GEMM
            ConvGeometry.of(8, 9, 9, 1, 1, 2, 2, 0, 0, 1, 1),
        };
        for (ConvGeometry g : geometries) {
            check(new ConvGemm.Problem(g, 5, 12, 2), ConvGemm::forward, ConvGemm::backwardData,
                    ConvGemm::backwardWeight, "gemm " + g);
        }
    }

    /** Checks the three products of {@code p} against {@link #forEachTap}, each accumulating into random values. */
    private void check(ConvGemm.Problem p, Product forward, Product data, Product weightGradient, String name) {
        ConvGeometry g = p.image();
        float[] weight = values(p.outChannels() * g.columnRows() / p.groups());
        float[] input = values(p.images() * g.imageSize());
        float[] maps = values(p.images() * p.mapSize());

        float[] expected = values(maps.length);
        float[] actual = expected.clone();
        forEachTap(p, (o, i, w) -> expected[o] += weight[w] * input[i]);
        forward.run(p, weight, input, actual);
        assertClose(expected, actual, "forward " + name);

        float[] expectedGrad = values(input.length);
        float[] actualGrad = expectedGrad.clone();
        forEachTap(p, (o, i, w) -> expectedGrad[i] += weight[w] * maps[o]);
        data.run(p, weight, maps, actualGrad);
        assertClose(expectedGrad, actualGrad, "input gradient " + name);

        float[] expectedWeight = values(weight.length);
        float[] actualWeight = expectedWeight.clone();
        forEachTap(p, (o, i, w) -> expectedWeight[w] += maps[o] * input[i]);
        weightGradient.run(p, maps, input, actualWeight);
        assertClose(expectedWeight, actualWeight, "weight gradient " + name);
    }

    /** One of the three products, with ConvGemm's argument order: (problem, first, second, target). */
    @FunctionalInterface
    private interface Product {
        void run(ConvGemm.Problem p, float[] first, float[] second, float[] target);
    }

    @Test void takesOnlyStrideOneUndilatedConvolutionsWithLittleWaste() {
        assumeVector();
        int images = Math.max(2, Parallel.threads());
        ConvGemm.Problem resnet = problem(ConvGeometry.of(32, 28, 28, 3, 3, 1, 1, 1, 1, 1, 1), images, 64);
        assertTrue(DirectConv.appliesToForward(resnet) && DirectConv.appliesToData(resnet)
                && DirectConv.appliesToWeight(resnet));
        ConvGemm.Problem strided = problem(ConvGeometry.of(32, 28, 28, 3, 3, 2, 2, 1, 1, 1, 1), images, 64);
        assertFalse(DirectConv.appliesToForward(strided) || DirectConv.appliesToData(strided)
                || DirectConv.appliesToWeight(strided));
        ConvGemm.Problem dilated = problem(ConvGeometry.of(32, 28, 28, 3, 3, 1, 1, 2, 2, 2, 2), images, 64);
        assertFalse(DirectConv.appliesToForward(dilated));
        ConvGemm.Problem tiny = problem(ConvGeometry.of(64, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1), images, 64);
        assertFalse(DirectConv.appliesToForward(tiny) || DirectConv.appliesToWeight(tiny),
                "4x4 planes: half the positions computed would be dropped");
        // LeNet-5's second layer computes 10 rows of 14 positions: 140 rounded up to the tile's NR positions.
        ConvGemm.Problem lenet = problem(ConvGeometry.of(6, 14, 14, 5, 5, 1, 1, 0, 0, 1, 1), images, 16);
        boolean direct = DirectConv.appliesToForward(lenet) && DirectConv.appliesToData(lenet)
                && DirectConv.appliesToWeight(lenet);
        if (VectorDirectConv.NR == 16) assertTrue(direct, "NR = 16: 144 computed, 31% dropped");
        if (VectorDirectConv.NR == 32) assertTrue(direct, "NR = 32: 160 computed, 38% dropped, under 40%");
        ConvGemm.Problem single = problem(resnet.image(), 1, 64);
        assertEquals(Parallel.threads() <= 1, DirectConv.appliesToForward(single), "one image per thread at least");
    }

    private static ConvGemm.Problem problem(ConvGeometry image, int images, int filters) {
        return new ConvGemm.Problem(image, images, filters, 1);
    }

    /** Visits every (output, input, weight) index triple of the convolution's definition, padding skipped. */
    private static void forEachTap(ConvGemm.Problem p, Tap tap) {
        ConvGeometry g = p.image();
        int cg = g.channels() / p.groups();
        int kg = p.groupOut();
        for (int n = 0; n < p.images(); n++) {
            for (int k = 0; k < p.outChannels(); k++) {
                for (int y = 0; y < g.outH(); y++) {
                    for (int x = 0; x < g.outW(); x++) {
                        int o = ((n * p.outChannels() + k) * g.outH() + y) * g.outW() + x;
                        for (int c = 0; c < cg; c++) {
                            for (int ky = 0; ky < g.kernelH(); ky++) {
                                int iy = y * g.strideH() - g.padH() + ky * g.dilationH();
                                for (int kx = 0; kx < g.kernelW(); kx++) {
                                    int ix = x * g.strideW() - g.padW() + kx * g.dilationW();
                                    if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) continue;
                                    int channel = k / kg * cg + c;
                                    tap.visit(o, ((n * g.channels() + channel) * g.height() + iy) * g.width() + ix,
                                            ((k * cg + c) * g.kernelH() + ky) * g.kernelW() + kx);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Tap {
        void visit(int output, int input, int weight);
    }

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
        return v;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4f * Math.max(1, Math.abs(expected[i])), what + " at " + i);
        }
    }

    private static void assumeVector() {
        assumeTrue(Simd.AVAILABLE, "the direct convolution needs the Vector API");
    }
}
