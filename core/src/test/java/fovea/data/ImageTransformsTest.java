package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Resize, CenterCrop, RandomResizedCrop, Normalize and VerticalFlip with torchvision's numbers and rounding. */
class ImageTransformsTest {
    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5f, "at " + i + ": " + Arrays.toString(actual));
    }

    @Test void enlargingIsBilinearBetweenPixelCentres() {
        // torch.nn.functional.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False) of [[1, 2], [3, 4]]
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2);
        assertClose(new float[] {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4},
                Resize.resize(image, 4, 4).toArray());
    }

    @Test void shrinkingAveragesUnderAWidenedTriangle() {
        // Halving [0, 1, 2, 3]: output 0's centre is at 1.0, its triangle of half-width 2 weighs inputs 0, 1, 2 by
        // 0.75, 0.75, 0.25 (input -1 falls outside and is dropped): 1.25 / 1.75; output 1 mirrors it: 4 / 1.75.
        Tensor row = Tensor.of(new float[] {0, 1, 2, 3}, 1, 1, 4);
        assertClose(new float[] {1.25f / 1.75f, 4f / 1.75f}, Resize.resize(row, 1, 2).toArray());
        Tensor column = Tensor.of(new float[] {0, 1, 2, 3}, 1, 4, 1);
        assertClose(new float[] {1.25f / 1.75f, 4f / 1.75f}, Resize.resize(column, 2, 1).toArray());
    }

    @Test void aConstantImageStaysConstantAtAnySize() {
        float[] values = new float[2 * 7 * 5];
        Arrays.fill(values, 0, 35, 0.3f);
        Arrays.fill(values, 35, 70, 0.8f);
        Tensor resized = Resize.resize(Tensor.of(values, 2, 7, 5), 3, 11);
        assertEquals("[2, 3, 11]", resized.shape().toString());
        float[] out = resized.toArray();
        for (int i = 0; i < 33; i++) assertEquals(0.3f, out[i], 1e-6f);
        for (int i = 33; i < 66; i++) assertEquals(0.8f, out[i], 1e-6f);
    }

    @Test void theShorterSideIsMatchedAndTheLongerTruncated() {
        Resize resize = Resize.shorterSide(256);
        assertArrayEquals(new int[] {256, 341}, resize.outputSize(480, 640), "256 * 640 / 480 = 341.33");
        assertArrayEquals(new int[] {341, 256}, resize.outputSize(640, 480));
        assertArrayEquals(new int[] {256, 256}, resize.outputSize(100, 100));
        assertEquals("[3, 2, 4]", resize.shorterSide(2).apply(Tensor.zeros(3, 4, 8), null).shape().toString());
    }

    @Test void centerCropRoundsHalfToEvenAndPadsAWindowLargerThanTheImage() {
        assertArrayEquals(new int[] {2, 2}, CenterCrop.square(2).corner(5, 7), "1.5 and 2.5 both round to 2");
        assertArrayEquals(new int[] {0, 1}, CenterCrop.square(2).corner(3, 4), "0.5 rounds to 0, 1.0 is 1");
        float[] values = new float[16];
        for (int i = 0; i < values.length; i++) values[i] = i;
        assertArrayEquals(new float[] {5, 6, 9, 10}, CenterCrop.square(2).apply(Tensor.of(values, 1, 4, 4), null).toArray(),
                "(4 - 2) / 2 = 1 exactly: rows and columns 1..2");
        // torchvision pads [left, top, right, bottom] = [0, 1, 1, 1] to crop 4 x 3 out of 2 x 2.
        Tensor padded = new CenterCrop(4, 3).apply(Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2), null);
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0}, padded.toArray());
    }

    @Test void randomResizedCropDrawsWindowsInsideTheImageWithinTheRanges() {
        RandomResizedCrop crop = RandomResizedCrop.of(8);
        Generator random = new Generator(3);
        for (int i = 0; i < 500; i++) {
            RandomResizedCrop.Window w = crop.window(40, 30, random);
            assertTrue(w.top() >= 0 && w.left() >= 0 && w.top() + w.height() <= 40 && w.left() + w.width() <= 30, w.toString());
            double scale = (double) w.height() * w.width() / (40 * 30);
            double ratio = (double) w.width() / w.height();
            // Rounding each side to whole pixels moves the scale and ratio a little outside the drawn ranges.
            assertTrue(scale > 0.05 && scale <= 1, w + " has scale " + scale);
            assertTrue(ratio > 0.6 && ratio < 1.6, w + " has ratio " + ratio);
        }
        assertEquals("[3, 8, 8]", crop.apply(Tensor.zeros(3, 40, 30), new Generator(1)).shape().toString());
    }

    @Test void randomResizedCropFallsBackToTheCentralWindowOfAnAllowedRatio() {
        // A 4 x 8 image cannot hold a square of its whole area: ten failures, then the central 4 x 4 window.
        RandomResizedCrop crop = new RandomResizedCrop(2, 1, 1, 1, 1);
        assertEquals(new RandomResizedCrop.Window(0, 2, 4, 4), crop.window(4, 8, new Generator(1)));
        assertEquals(new RandomResizedCrop.Window(2, 0, 4, 4), crop.window(8, 4, new Generator(1)));
    }

    @Test void normalizeWithGivenOrFittedStatistics() {
        Normalize normalize = new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 2});
        Tensor image = Tensor.of(new float[] {1, 0, 0.25f, 4.25f}, 2, 1, 2);
        assertArrayEquals(new float[] {1, -1, 0, 2}, normalize.apply(image, null).toArray());
        Tensor batch = Tensor.stack(0, image, image);
        assertArrayEquals(new float[] {1, -1, 0, 2, 1, -1, 0, 2}, normalize.apply(batch).toArray());
        assertEquals("Normalize(mean=[0.5, 0.25], std=[0.5, 2.0]): expected an image [2, H, W] or a batch [B, 2, H, W]; "
                + "got [3, 1, 2]", assertThrows(IllegalArgumentException.class, () -> normalize.apply(Tensor.zeros(3, 1, 2))).getMessage());
        assertEquals("Normalize: means must be finite and stds finite and > 0; got mean 0.0, std 0.0 for channel 0",
                assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0})).getMessage());

        TensorDataset train = DataLoaderTest.numbered(5);   // one channel, values 0..4
        Normalize fitted = Normalize.fit(train);
        Standardization standardization = Standardization.fit(train);
        assertArrayEquals(standardization.mean().toArray(), fitted.mean());
        assertArrayEquals(standardization.std().toArray(), fitted.std());
        assertEquals(2f, fitted.mean()[0]);
        assertEquals((float) Math.sqrt(2), fitted.std()[0], 1e-6f);
        assertArrayEquals(standardization.apply(train).features().toArray(), fitted.apply(train).features().toArray(), 1e-6f);
    }

    @Test void verticalFlipTurnsRowsOverAndDrawsOnce() {
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);
        assertArrayEquals(new float[] {5, 6, 3, 4, 1, 2}, new VerticalFlip(1).apply(image, new Generator(1)).toArray());
        Generator a = new Generator(4);
        Generator b = new Generator(4);
        new VerticalFlip(0).apply(image, a);
        b.nextDouble();
        assertEquals(b.nextLong(), a.nextLong());
    }
}
