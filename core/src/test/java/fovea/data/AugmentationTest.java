package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random crops are windows of the zero-padded image; flips mirror about half the time; both follow the seed. */
class AugmentationTest {
    /** A 2-channel 3x3 image whose values name channel, row and column: 100c + 10y + x + 1. */
    private static Tensor image() {
        float[] values = new float[18];
        for (int c = 0; c < 2; c++) for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) {
            values[(c * 3 + y) * 3 + x] = 100 * c + 10 * y + x + 1;
        }
        return Tensor.of(values, 2, 3, 3);
    }

    @Test void randomCropIsAWindowOfThePaddedImage() {
        RandomCrop crop = new RandomCrop(3, 1);
        Generator random = new Generator(4);
        Set<String> windows = new HashSet<>();
        for (int trial = 0; trial < 200; trial++) {
            Tensor out = crop.apply(image(), random);
            assertEquals("[2, 3, 3]", out.shape().toString());
            int top = -9, left = -9;
            for (int dy = -1; dy <= 1 && top == -9; dy++) for (int dx = -1; dx <= 1; dx++) {
                if (matches(out, dy, dx)) {
                    top = dy;
                    left = dx;
                    break;
                }
            }
            assertTrue(top != -9, "not a window of the padded image: " + out);
            windows.add(top + "," + left);
        }
        assertEquals(9, windows.size(), "every offset occurs");
        assertArrayEquals(crop.apply(image(), new Generator(9)).toArray(), crop.apply(image(), new Generator(9)).toArray());
    }

    /** Whether out is the window whose top-left corner is (dy, dx) in image coordinates, zeros outside. */
    private static boolean matches(Tensor out, int dy, int dx) {
        for (int c = 0; c < 2; c++) for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) {
            int sy = y + dy, sx = x + dx;
            float expected = sy < 0 || sy > 2 || sx < 0 || sx > 2 ? 0 : 100 * c + 10 * sy + sx + 1;
            if (out.get(c, y, x) != expected) return false;
        }
        return true;
    }

    @Test void horizontalFlipMirrorsAboutHalfTheTime() {
        HorizontalFlip flip = new HorizontalFlip(0.5);
        Generator random = new Generator(11);
        int flipped = 0;
        for (int trial = 0; trial < 1000; trial++) {
            Tensor out = flip.apply(image(), random);
            if (out.get(1, 2, 0) == 123) {
                flipped++;
                assertEquals(121, out.get(1, 2, 2));
                assertEquals(2, out.get(0, 0, 1));
            }
        }
        assertEquals(500, flipped, 60);
        assertArrayEquals(image().toArray(), new HorizontalFlip(0).apply(image(), random).toArray());
    }

    @Test void rejectsImpossibleCrops() {
        assertEquals("RandomCrop[size=8, padding=2]: expected an image [C, H, W] with H, W >= 4; got [1, 3, 3]",
                assertThrows(IllegalArgumentException.class,
                        () -> new RandomCrop(8, 2).apply(Tensor.zeros(1, 3, 3), new Generator(1))).getMessage());
    }
}
