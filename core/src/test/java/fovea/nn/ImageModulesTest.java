package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Images;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pooling, normalization, channel-dropout and upsampling layers: PyTorch's defaults, strings, state and modes. */
class ImageModulesTest {
    private final SplittableRandom random = new SplittableRandom(3);

    @Test void stringsReadLikePyTorchs() {
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).toString());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
                new MaxPool2d(3, 2, 1).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=1, padding=1)", new AvgPool2d(3, 1, 1).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(6, 6))", new AdaptiveAvgPool2d(6, 6).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
        assertEquals("BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
                new BatchNorm2d(64).toString());
        assertEquals("BatchNorm2d(8, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)",
                new BatchNorm2d(8, 1e-3f, 0.01f).toString());
        assertEquals("LocalResponseNorm(5, alpha=0.0001, beta=0.75, k=1.0)", new LocalResponseNorm(5).toString());
        assertEquals("LocalResponseNorm(3, alpha=0.5, beta=0.6, k=2.0)", new LocalResponseNorm(3, 0.5f, 0.6f, 2f).toString());
        assertEquals("Dropout2d(p=0.5)", new Dropout2d(0.5f, random).toString());
        assertEquals("Upsample(scale_factor=2.0, mode='nearest')", new Upsample(2f, Upsample.Mode.NEAREST).toString());
        assertEquals("Upsample(size=(5, 7), mode='bilinear')", new Upsample(5, 7, Upsample.Mode.BILINEAR).toString());
    }

    @Test void poolingLayersUsePyTorchsDefaults() {
        Tensor x = Tensor.randn(random, 2, 3, 8, 9);
        assertArrayEquals(Images.maxPool2d(x, 2, 2, 0).toArray(), new MaxPool2d(2).forward(x).toArray());
        assertEquals(Shape.of(2, 3, 4, 5), new MaxPool2d(3, 2, 1).forward(x).shape());
        assertArrayEquals(Images.avgPool2d(x, 2, 2, 0).toArray(), new AvgPool2d(2).forward(x).toArray());
        assertEquals(Shape.of(2, 3, 8, 9), new AvgPool2d(3, 1, 1).forward(x).shape());
        assertEquals(Shape.of(2, 3, 6, 6), new AdaptiveAvgPool2d(6).forward(x).shape());
        assertEquals(Shape.of(2, 3, 1, 1), new AdaptiveAvgPool2d(1, 1).forward(x).shape());
        assertTrue(new MaxPool2d(2).parameters().isEmpty() && new MaxPool2d(2).stateDict().isEmpty());
        var error = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(3, 8, 8)));
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False): expected input "
                + "[N, C, H, W]; got [3, 8, 8]", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(0));
    }

    /** Values from PyTorch 1.13: x = (arange(49) * 37 % 23).reshape(1, 1, 7, 7), nn.MaxPool2d(k, s, ceil_mode=True). */
    @Test void ceilModeMaxPoolingMatchesPyTorch() {
        float[] values = new float[49];
        for (int i = 0; i < 49; i++) values[i] = i * 37 % 23;
        Tensor x = Tensor.of(values, 1, 1, 7, 7).requiresGrad(true);
        MaxPool2d pool = new MaxPool2d(2, 2, 0, true);
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=True)", pool.toString());
        Tensor y = pool.forward(x);
        assertEquals(Shape.of(1, 1, 4, 4), y.shape());
        assertArrayEquals(new float[] {20, 19, 16, 21, 18, 17, 22, 10, 21, 20, 17, 22, 13, 18, 14, 5}, y.toArray());
        Tensor y3 = new MaxPool2d(3, 2, 0, true).forward(x);
        assertArrayEquals(new float[] {20, 22, 22, 18, 22, 22, 21, 20, 22}, y3.toArray());
        y3.backward(Tensor.arange(1f, 10f, 1f).reshape(1, 1, 3, 3));
        float[] expected = new float[49];
        expected[8] = 1;
        expected[18] = 16;
        expected[21] = 4;
        expected[31] = 8;
        expected[36] = 7;
        expected[41] = 9;
        assertArrayEquals(expected, x.grad().toArray());
        assertEquals(Shape.of(1, 1, 7, 7), new MaxPool2d(3, 1, 1, true).forward(x).shape());
    }

    @Test void batchNorm2dTrainsOnBatchStatisticsAndEvaluatesOnRunningOnes() {
        BatchNorm2d norm = new BatchNorm2d(3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(norm.stateDict().keySet()));
        assertEquals(2, norm.parameters().size());
        Tensor x = Tensor.randn(random, 8, 3, 5, 5).mul(2f).add(5f);
        Tensor y = norm.forward(x);
        int[] dims = {0, 2, 3};
        assertArrayEquals(new float[] {0, 0, 0}, y.mean(dims, false).toArray(), 1e-5f);
        assertArrayEquals(new float[] {1, 1, 1}, y.var(dims, false, 0).toArray(), 1e-3f);
        assertArrayEquals(x.mean(dims, false).mul(0.1f).toArray(), norm.stateDict().get("running_mean").toArray(), 1e-5f);
        assertArrayEquals(x.var(dims, false).mul(0.1f).add(0.9f).toArray(), norm.stateDict().get("running_var").toArray(), 1e-4f);
        assertEquals(1f, norm.stateDict().get("num_batches_tracked").item());

        y.sum().backward();
        assertArrayEquals(new float[] {200, 200, 200}, norm.stateDict().get("bias").grad().toArray(), 1e-3f);

        norm.eval();
        Tensor z = norm.forward(x);
        Tensor mean = norm.stateDict().get("running_mean").reshape(1, 3, 1, 1);
        Tensor var = norm.stateDict().get("running_var").reshape(1, 3, 1, 1);
        assertArrayEquals(x.sub(mean).div(var.add(1e-5f).sqrt()).toArray(), z.toArray(), 1e-5f);
        assertEquals(1f, norm.stateDict().get("num_batches_tracked").item(), "eval does not count");
        var error = assertThrows(IllegalArgumentException.class, () -> norm.forward(Tensor.zeros(2, 4, 3, 3)));
        assertTrue(error.getMessage().startsWith("BatchNorm2d(3, eps=1e-05") && error.getMessage().endsWith(
                "expected input [N, 3, H, W]; got [2, 4, 3, 3]"), error.getMessage());
    }

    @Test void batchNorm2dStateRoundTrips() {
        BatchNorm2d trained = new BatchNorm2d(4);
        trained.forward(Tensor.randn(random, 3, 4, 2, 2));
        BatchNorm2d fresh = new BatchNorm2d(4);
        fresh.loadStateDict(trained.stateDict());
        trained.eval();
        fresh.eval();
        Tensor x = Tensor.randn(random, 2, 4, 3, 3);
        assertArrayEquals(trained.forward(x).toArray(), fresh.forward(x).toArray());
    }

    @Test void localResponseNormUsesAlexNetsDefaults() {
        Tensor x = Tensor.randn(random, 2, 6, 3, 3);
        assertArrayEquals(Images.localResponseNorm(x, 5, 1e-4f, 0.75f, 1f).toArray(), new LocalResponseNorm(5).forward(x).toArray());
        assertThrows(IllegalArgumentException.class, () -> new LocalResponseNorm(0));
    }

    @Test void dropout2dZeroesWholeChannelsInTrainingOnly() {
        Dropout2d dropout = new Dropout2d(0.5f, new SplittableRandom(11));
        Tensor x = Tensor.ones(16, 8, 3, 4);
        Tensor y = dropout.forward(x);
        int dropped = 0;
        for (int n = 0; n < 16; n++) {
            for (int c = 0; c < 8; c++) {
                float first = y.get(n, c, 0, 0);
                assertTrue(first == 0f || first == 2f, "kept channels are scaled by 1/(1-p)");
                for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) assertEquals(first, y.get(n, c, i, j), "whole channel");
                if (first == 0f) dropped++;
            }
        }
        assertTrue(dropped > 30 && dropped < 98, "about half of 128 channels dropped; got " + dropped);
        dropout.eval();
        assertSame(x, dropout.forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout2d(1f, random));
    }

    @Test void upsampleByScaleOrSize() {
        Tensor x = Tensor.randn(random, 1, 2, 3, 4);
        assertArrayEquals(Images.upsampleNearest(x, 2.0).toArray(), new Upsample(2f, Upsample.Mode.NEAREST).forward(x).toArray());
        assertArrayEquals(Images.upsampleBilinear(x, 2.0).toArray(), new Upsample(2f, Upsample.Mode.BILINEAR).forward(x).toArray());
        assertEquals(Shape.of(1, 2, 5, 7), new Upsample(5, 7, Upsample.Mode.BILINEAR).forward(x).shape());
        assertEquals(Shape.of(1, 2, 4, 6), new Upsample(1.5f, Upsample.Mode.NEAREST).forward(x).shape());
        assertThrows(IllegalArgumentException.class, () -> new Upsample(0f, Upsample.Mode.NEAREST));
    }

    @Test void aSmallConvFreeImageModelLearns() {
        // pooling, batch norm and upsampling in one graph: the loss of a tiny model must fall
        Tensor x = Tensor.randn(random, 8, 2, 6, 6);
        Tensor target = Tensor.randn(random, 8, 2, 6, 6);
        Sequential model = new Sequential(new BatchNorm2d(2), new MaxPool2d(2), new Upsample(2f, Upsample.Mode.BILINEAR),
                new LocalResponseNorm(2, 0.1f, 0.75f, 1f), new AvgPool2d(3, 1, 1));
        float first = 0;
        float last = 0;
        for (int step = 0; step < 30; step++) {
            for (Tensor p : model.parameters()) p.zeroGrad();
            Tensor loss = model.forward(x).sub(target).pow(2f).mean();
            loss.backward();
            try (var ignored = fovea.tensor.GradMode.noGrad()) {
                for (Tensor p : model.parameters()) p.assign(p.sub(p.grad().mul(0.5f)));
            }
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first, "loss " + first + " -> " + last);
    }
}
