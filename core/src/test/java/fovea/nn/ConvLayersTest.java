package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Conv;
import fovea.tensor.ConvSpec;
import fovea.tensor.ConvTransposeSpec;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Conv2d and ConvTranspose2d: PyTorch's names, shapes, default init, printing and argument errors. */
class ConvLayersTest {
    private final SplittableRandom random = new SplittableRandom(3);

    private static void assertWithin(float bound, Tensor t) {
        assertTrue(t.abs().max().item() <= bound, "values beyond " + bound);
        assertTrue(t.abs().max().item() > 0.8f * bound, "values should fill U(-b, b)");
    }

    @Test void conv2dHasPyTorchsParametersAndInit() {
        Conv2d conv = new Conv2d(6, 64, Conv2d.Config.of(3).withGroups(2), random);
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
        assertEquals(Shape.of(64, 3, 3, 3), conv.weight().shape());
        assertEquals(Shape.of(64), conv.bias().shape());
        float bound = (float) (1 / Math.sqrt(3 * 9));       // fanIn = in / groups * k * k
        assertWithin(bound, conv.weight());
        assertWithin(bound, conv.bias());
        assertEquals(0, conv.weight().mean().item(), 0.02);
        assertEquals(List.of("weight"), List.copyOf(new Conv2d(3, 4, Conv2d.Config.of(1).withBias(false), random)
                .namedParameters().keySet()));
    }

    @Test void convTranspose2dHasPyTorchsParametersAndInit() {
        ConvTranspose2d up = new ConvTranspose2d(16, 8, ConvTranspose2d.Config.of(4).withStride(2).withPadding(1), random);
        assertEquals(Shape.of(16, 8, 4, 4), up.weight().shape());
        assertEquals(Shape.of(8), up.bias().shape());
        float bound = (float) (1 / Math.sqrt(8 * 16));      // PyTorch's fanIn of the stored weight: dim 1 * k * k
        assertWithin(bound, up.weight());
        assertWithin(bound, up.bias());
        assertEquals(Shape.of(2, 8, 14, 14), up.forward(Tensor.randn(random, 2, 16, 7, 7)).shape());
        assertNull(new ConvTranspose2d(4, 4, ConvTranspose2d.Config.of(2).withBias(false), random).bias());
    }

    @Test void forwardIsTheFunctionalConvolution() {
        Conv2d conv = new Conv2d(3, 5, 3, 2, 1, random);
        Tensor x = Tensor.randn(random, 2, 3, 9, 8);
        Tensor expected = Conv.conv2d(x, conv.weight(), conv.bias(), ConvSpec.of(2, 1));
        assertArrayEquals(expected.toArray(), conv.forward(x).toArray());
        assertEquals(Shape.of(5, 5, 4), conv.forward(x.slice(0, 0, 1).squeeze(0)).shape());   // one image [C, H, W]

        ConvTranspose2d up = new ConvTranspose2d(3, 4, ConvTranspose2d.Config.of(3).withStride(2).withOutputPadding(1)
                .withDilation(2).withGroups(1), random);
        Tensor expectedUp = Conv.convTranspose2d(x, up.weight(), up.bias(), ConvTransposeSpec.of(2, 0, 1).withDilation(2));
        assertArrayEquals(expectedUp.toArray(), up.forward(x).toArray());
    }

    @Test void samePaddingKeepsTheSizeAsPyTorchDoes() {
        Tensor x = Tensor.randn(random, 2, 3, 7, 6);
        for (int kernel : new int[] {1, 2, 3, 4, 5}) {
            for (int dilation : new int[] {1, 2}) {
                Conv2d conv = new Conv2d(3, 4, Conv2d.Config.of(kernel).withPadding("same").withDilation(dilation), random);
                assertEquals(Shape.of(2, 4, 7, 6), conv.forward(x).shape(), "kernel " + kernel + ", dilation " + dilation);
            }
        }
        // an even kernel pads 0 on the top/left and 1 on the bottom/right: PyTorch's rule
        Conv2d even = new Conv2d(3, 2, Conv2d.Config.of(2).withPadding("same"), random);
        Tensor expected = Conv.conv2d(x.pad(new int[] {0, 1, 0, 1}, 0f), even.weight(), even.bias());
        assertArrayEquals(expected.toArray(), even.forward(x).toArray());
        Conv2d valid = new Conv2d(3, 2, Conv2d.Config.of(3).withPadding("valid"), random);
        assertEquals(Shape.of(2, 2, 5, 4), valid.forward(x).shape());
        assertEquals(Conv2d.Padding.of(2), Conv2d.Config.of(5).withPadding("2").padding());
    }

    @Test void printsLikePyTorch() {
        assertEquals("Conv2d(3, 64, kernelSize=3, stride=1, padding=1)", new Conv2d(3, 64, 3, 1, 1, random).toString());
        assertEquals("Conv2d(4, 8, kernelSize=5, stride=2)", new Conv2d(4, 8, 5, 2, 0, random).toString());
        assertEquals("Conv2d(4, 8, kernelSize=3, stride=1, padding=same, dilation=2, groups=4, bias=false)",
                new Conv2d(4, 8, Conv2d.Config.of(3).withPadding("same").withDilation(2).withGroups(4).withBias(false),
                        random).toString());
        assertEquals("ConvTranspose2d(16, 8, kernelSize=3, stride=2, padding=1, outputPadding=1)",
                new ConvTranspose2d(16, 8, ConvTranspose2d.Config.of(3).withStride(2).withPadding(1).withOutputPadding(1),
                        random).toString());
    }

    private static String error(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test void errorsNameTheModuleAndShowTheShapes() {
        Conv2d conv = new Conv2d(3, 64, 3, 1, 1, random);
        assertEquals("Conv2d(3, 64, kernelSize=3, stride=1, padding=1): expected input [N, 3, H, W] or [3, H, W]; "
                + "got [2, 4, 8, 8]", error(() -> conv.forward(Tensor.zeros(2, 4, 8, 8))));
        assertTrue(error(() -> new Conv2d(3, 64, 5, 1, 0, random).forward(Tensor.zeros(1, 3, 2, 2)))
                .startsWith("conv2d: the kernel does not fit the padded input"));
        assertEquals("Conv2d: expected channels >= 1 that groups divides; got inChannels=3, outChannels=64, groups=2",
                error(() -> new Conv2d(3, 64, Conv2d.Config.of(3).withGroups(2), random)));
        assertEquals("Conv2d: padding \"same\" needs stride 1, as in PyTorch; got stride=2",
                error(() -> Conv2d.Config.of(3).withPadding("same").withStride(2)));
        assertEquals("Conv2d: padding must be a number >= 0, \"same\" or \"valid\"; got \"full\"",
                error(() -> Conv2d.Config.of(3).withPadding("full")));
        assertTrue(error(() -> Conv2d.Config.of(0)).startsWith("Conv2d: expected kernelSize, stride, dilation and groups >= 1"));
        assertEquals("ConvTranspose2d: outputPadding must be smaller than the stride or the dilation; got "
                + "outputPadding=1, stride=1, dilation=1", error(() -> ConvTranspose2d.Config.of(3).withOutputPadding(1)));
        assertTrue(error(() -> new ConvTranspose2d(4, 2, 3, 1, 0, random).forward(Tensor.zeros(1, 3, 5, 5)))
                .startsWith("ConvTranspose2d(4, 2, kernelSize=3, stride=1): expected input [N, 4, H, W]"));
    }

    @Test void aTinyConvNetLearns() {
        // two 3x3 images classes: a bright top row or a bright bottom row; a conv and a linear layer separate them
        Conv2d conv = new Conv2d(1, 2, 3, 1, 1, random);
        Linear head = new Linear(2 * 9, 2, random);
        float[] data = new float[8 * 9];
        float[] labels = new float[8];
        for (int n = 0; n < 8; n++) {
            labels[n] = n % 2;
            for (int w = 0; w < 3; w++) data[n * 9 + (n % 2 == 0 ? 0 : 6) + w] = 1f + 0.1f * (n / 2);
        }
        Tensor x = Tensor.of(data, 8, 1, 3, 3);
        Tensor y = Tensor.of(labels, 8);
        float first = 0, last = 0;
        for (int step = 0; step < 30; step++) {
            Tensor loss = Losses.crossEntropy(head.forward(conv.forward(x).relu().flatten(1, -1)), y);
            if (step == 0) first = loss.item();
            last = loss.item();
            for (Tensor p : List.of(conv.weight(), conv.bias(), head.weight(), head.bias())) p.zeroGrad();
            loss.backward();
            try (var ignored = fovea.tensor.GradMode.noGrad()) {
                for (Tensor p : List.of(conv.weight(), conv.bias(), head.weight(), head.bias())) {
                    p.assign(p.sub(p.grad().mul(0.5f)));
                }
            }
        }
        assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
    }
}
