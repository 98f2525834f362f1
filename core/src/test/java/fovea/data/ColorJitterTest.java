package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Brightness scales, contrast blends with the mean gray, saturation with each pixel's gray; factor 1 changes nothing. */
class ColorJitterTest {
    /** A random image [channels, 5, 6] with values in [0, 0.6], so that factors up to 1.6 do not clip. */
    private static Tensor image(int channels, long seed) {
        return Tensor.rand(new Generator(seed), channels, 5, 6).mul(0.6f);
    }

    @Test void factorOneAndStrengthZeroAreTheIdentity() {
        for (int channels : new int[] {1, 3}) {
            Tensor image = image(channels, 1);
            assertArrayEquals(image.toArray(), new ColorJitter(0, 0, 0).apply(image, new Generator(2)).toArray());
            assertArrayEquals(image.toArray(), ColorJitter.brightness(image, 1).toArray());
            assertArrayEquals(image.toArray(), ColorJitter.contrast(image, 1).toArray());
            assertArrayEquals(image.toArray(), ColorJitter.saturation(image, 1).toArray());
        }
    }

    @Test void brightnessScalesTheMeanAndClampsAtOne() {
        Tensor image = image(3, 3);
        assertEquals(1.5 * image.mean().item(), ColorJitter.brightness(image, 1.5).mean().item(), 1e-6);
        assertEquals(0.25 * image.mean().item(), ColorJitter.brightness(image, 0.25).mean().item(), 1e-6);
        assertEquals(1f, ColorJitter.brightness(Tensor.full(0.8f, 1, 2, 2), 2).max().item());
    }

    @Test void contrastBlendsWithTheMeanGrayAndSaturationWithEachPixelsGray() {
        Tensor gray = image(1, 4);
        float mean = gray.mean().item();
        Tensor flat = ColorJitter.contrast(gray, 0);
        for (float value : flat.toArray()) assertEquals(mean, value, 1e-6);
        assertEquals(mean, ColorJitter.contrast(gray, 0.5).mean().item(), 1e-6, "a blend towards the mean keeps it");
        assertArrayEquals(gray.toArray(), ColorJitter.saturation(gray, 0).toArray(), "saturation does nothing to one channel");

        Tensor colour = image(3, 5);
        Tensor desaturated = ColorJitter.saturation(colour, 0);
        for (int y = 0; y < 5; y++) for (int x = 0; x < 6; x++) {
            double luma = 0.2989 * colour.get(0, y, x) + 0.587 * colour.get(1, y, x) + 0.114 * colour.get(2, y, x);
            for (int c = 0; c < 3; c++) assertEquals(luma, desaturated.get(c, y, x), 1e-6);
        }
    }

    @Test void brightnessJitterMultipliesByAFactorInRange() {
        Tensor image = image(3, 6);
        ColorJitter jitter = new ColorJitter(0.5, 0, 0);
        Generator random = new Generator(7);
        double low = 2, high = 0;
        for (int trial = 0; trial < 200; trial++) {
            Tensor out = jitter.apply(image, random);
            double factor = out.get(0, 0, 0) / image.get(0, 0, 0);
            assertArrayEquals(ColorJitter.brightness(image, factor).toArray(), out.toArray(), 1e-5f);
            low = Math.min(low, factor);
            high = Math.max(high, factor);
        }
        assertTrue(low >= 0.5 && low < 0.55 && high <= 1.5 && high > 1.45, low + " .. " + high);
    }

    @Test void theSeedDecidesAndValuesStayInZeroToOne() {
        Tensor image = Tensor.rand(new Generator(8), 3, 5, 6);
        ColorJitter jitter = new ColorJitter(0.8, 0.8, 0.8);
        float[] first = jitter.apply(image, new Generator(9)).toArray();
        assertArrayEquals(first, jitter.apply(image, new Generator(9)).toArray());
        assertFalse(Arrays.equals(first, jitter.apply(image, new Generator(10)).toArray()));
        for (int seed = 0; seed < 50; seed++) {
            Tensor out = jitter.apply(image, new Generator(seed));
            assertTrue(out.min().item() >= 0 && out.max().item() <= 1, "seed " + seed);
        }
    }

    @Test void rejectsOtherChannelCountsAndNegativeSettings() {
        assertEquals("ColorJitter: expected an image [C, H, W] with C = 1 or 3; got [2, 4, 4]",
                assertThrows(IllegalArgumentException.class,
                        () -> new ColorJitter(0.1, 0.1, 0.1).apply(Tensor.zeros(2, 4, 4), new Generator(1))).getMessage());
        assertEquals("ColorJitter: brightness, contrast and saturation must be >= 0; got -0.1, 0.0, 0.0",
                assertThrows(IllegalArgumentException.class, () -> new ColorJitter(-0.1, 0, 0)).getMessage());
    }
}
