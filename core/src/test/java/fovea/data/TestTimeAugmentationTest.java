package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ten crops are the corners, the centre and their mirrors; predictions average softmax over the views. */
class TestTimeAugmentationTest {
    /** A channels x height x width image whose values name channel, row and column: 100c + 10y + x + 1. */
    private static Tensor image(int channels, int height, int width) {
        float[] values = new float[channels * height * width];
        for (int c = 0; c < channels; c++) for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) {
            values[(c * height + y) * width + x] = 100 * c + 10 * y + x + 1;
        }
        return Tensor.of(values, channels, height, width);
    }

    /** View v of a batch [V, C, s, s] as an image [C, s, s]. */
    private static Tensor view(Tensor views, int v) {
        return views.slice(0, v, v + 1).squeeze(0);
    }

    @Test void tenCropsAreTheCornersTheCentreAndTheirMirrors() {
        Tensor image = image(2, 7, 8);
        Tensor views = TestTimeAugmentation.tenCrop(image, 4);
        assertEquals("[10, 2, 4, 4]", views.shape().toString());
        // Top-left corner of each of the five crops: (0, 0), (0, 4), (3, 0), (3, 4), and the centre at (2, 2):
        // (7 - 4) / 2 = 1.5 rounds half to even as torchvision's centre crop does.
        int[][] corners = {{0, 0}, {0, 4}, {3, 0}, {3, 4}, {2, 2}};
        for (int k = 0; k < 5; k++) {
            for (int c = 0; c < 2; c++) for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) {
                assertEquals(image.get(c, corners[k][0] + y, corners[k][1] + x), views.get(k, c, y, x), "view " + k);
            }
        }
        int[] mirrorOf = {1, 0, 3, 2, 4};
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(HorizontalFlip.mirror(view(views, mirrorOf[k])).toArray(), view(views, 5 + k).toArray(),
                    "view " + (5 + k));
        }
        Tensor whole = TestTimeAugmentation.tenCrop(image, 7);
        assertArrayEquals(image.slice(2, 0, 7).toArray(), view(whole, 0).toArray());
    }

    @Test void flipsAreTheImageAndItsMirror() {
        Tensor image = image(3, 2, 5);
        Tensor views = TestTimeAugmentation.flips(image);
        assertEquals("[2, 3, 2, 5]", views.shape().toString());
        assertArrayEquals(image.toArray(), view(views, 0).toArray());
        assertEquals(image.get(2, 1, 0), views.get(1, 2, 1, 4));
    }

    /** A toy model: two classes scored (left half - right half, its negative), per view; mirroring swaps the scores. */
    private static final Function<Tensor, Tensor> LEFT_OR_RIGHT = views -> {
        int width = views.size(3);
        Tensor difference = views.slice(3, 0, width / 2).sum(new int[] {1, 2, 3}, false)
                .sub(views.slice(3, width - width / 2, width).sum(new int[] {1, 2, 3}, false)).mul(0.01f);
        return Tensor.stack(1, difference, difference.neg());
    };

    @Test void averagingSoftmaxOverTheViewsOfAToyModel() {
        Tensor image = image(1, 6, 6);
        Tensor views = TestTimeAugmentation.tenCrop(image, 4);
        Tensor scores = LEFT_OR_RIGHT.apply(views);
        double[] expected = new double[2];
        for (int v = 0; v < 10; v++) {
            double a = scores.get(v, 0), b = scores.get(v, 1);
            double max = Math.max(a, b);
            double sum = Math.exp(a - max) + Math.exp(b - max);
            expected[0] += Math.exp(a - max) / sum / 10;
            expected[1] += Math.exp(b - max) / sum / 10;
        }
        Tensor probabilities = TestTimeAugmentation.predictTenCrop(LEFT_OR_RIGHT, image, 4);
        assertEquals("[2]", probabilities.shape().toString());
        assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, probabilities.toArray(), 1e-6f);
        // Each crop meets its mirror, whose scores are swapped, so the average cannot prefer either side.
        assertArrayEquals(new float[] {0.5f, 0.5f}, probabilities.toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f}, TestTimeAugmentation.predictFlips(LEFT_OR_RIGHT, image).toArray(), 1e-6f);
        float[] single = TestTimeAugmentation.averageSoftmax(LEFT_OR_RIGHT, view(views, 0).unsqueeze(0)).toArray();
        assertEquals(1, single[0] + single[1], 1e-6);
        assertTrue(single[0] < 0.5, "the top-left crop of a left-to-right ramp is darker on its left");
    }

    @Test void batchViewsAreEachImagesViewsInTurnAndAveragedGivesLogMeanProbabilities() {
        Tensor first = image(1, 4, 4);
        Tensor second = first.mul(-1f);
        Tensor batch = Tensor.stack(0, first, second);
        Tensor flips = TestTimeAugmentation.batchViews(batch, TestTimeAugmentation.Views.FLIPS);
        assertArrayEquals(Tensor.cat(0, TestTimeAugmentation.flips(first), TestTimeAugmentation.flips(second)).toArray(),
                flips.toArray());
        Tensor crops = TestTimeAugmentation.batchViews(batch, TestTimeAugmentation.Views.TEN_CROPS);
        assertEquals("[20, 1, 4, 4]", crops.shape().toString());
        Tensor padded = second.pad(new int[] {2, 2, 2, 2}, 0f);
        assertArrayEquals(TestTimeAugmentation.tenCrop(padded, 4).toArray(), crops.slice(0, 10, 20).toArray());
        // the centre crop of the padded image is the image itself
        assertArrayEquals(first.toArray(), view(crops, 4).toArray());

        Tensor logProbabilities = TestTimeAugmentation.averaged(LEFT_OR_RIGHT, TestTimeAugmentation.Views.TEN_CROPS)
                .apply(batch);
        assertEquals("[2, 2]", logProbabilities.shape().toString());
        assertArrayEquals(TestTimeAugmentation.predictTenCrop(LEFT_OR_RIGHT, padded, 4).log().toArray(),
                logProbabilities.slice(0, 1, 2).squeeze(0).toArray(), 1e-6f);
    }

    @Test void rejectsCropsLargerThanTheImageAndModelsWithTheWrongOutput() {
        assertEquals("TestTimeAugmentation.tenCrop: expected an image [C, H, W] with 1 <= size <= H, W; got [1, 6, 5] "
                        + "and size 6",
                assertThrows(IllegalArgumentException.class,
                        () -> TestTimeAugmentation.tenCrop(Tensor.zeros(1, 6, 5), 6)).getMessage());
        assertEquals("TestTimeAugmentation.averageSoftmax: expected the model to map views [10, 1, 4, 4] to scores "
                        + "[10, K]; got [10]",
                assertThrows(IllegalArgumentException.class, () -> TestTimeAugmentation.predictTenCrop(
                        views -> views.sum(new int[] {1, 2, 3}, false), Tensor.zeros(1, 6, 6), 4)).getMessage());
    }
}
