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

/** Rotations turn about the centre counter-clockwise, shifts move whole pixels, zeros fill, and the seed decides. */
class RandomAffineTest {
    /** A channels x size x size image whose values name channel, row and column: 100c + 10y + x + 1. */
    private static Tensor image(int channels, int height, int width) {
        float[] values = new float[channels * height * width];
        for (int c = 0; c < channels; c++) for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) {
            values[(c * height + y) * width + x] = 100 * c + 10 * y + x + 1;
        }
        return Tensor.of(values, channels, height, width);
    }

    @Test void zeroRotationAndZeroShiftAreTheIdentity() {
        Tensor image = image(3, 5, 7);
        assertArrayEquals(image.toArray(), new RandomAffine(0, 0).apply(image, new Generator(1)).toArray());
        assertArrayEquals(image.toArray(), RandomAffine.transform(image, 0, 0, 0).toArray());
    }

    @Test void aQuarterTurnOfASquareImageMovesEachPixelCounterClockwise() {
        for (int size : new int[] {4, 5}) {
            Tensor image = image(2, size, size);
            Tensor turned = RandomAffine.transform(image, 90, 0, 0);
            for (int c = 0; c < 2; c++) for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
                // numpy's rot90: the top-right corner goes to the top-left, the top-left to the bottom-left.
                assertEquals(image.get(c, x, size - 1 - y), turned.get(c, y, x), 1e-4, "size " + size + " at " + y + "," + x);
            }
            Tensor halfTurn = RandomAffine.transform(image, 180, 0, 0);
            assertEquals(image.get(1, 0, 0), halfTurn.get(1, size - 1, size - 1), 1e-4);
        }
    }

    @Test void anyAngleSamplesALinearRampExactlyInsideTheImage() {
        // Bilinear interpolation reproduces a linear function, so inside the image the result is the ramp read at the
        // point the inverse rotation sends each pixel to.
        int size = 9;
        float[] values = new float[size * size];
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) values[y * size + x] = 0.5f * x + 0.25f * y;
        double angle = 30;
        Tensor turned = RandomAffine.transform(Tensor.of(values, 1, size, size), angle, 1, 0);
        double cos = Math.cos(Math.toRadians(angle));
        double sin = Math.sin(Math.toRadians(angle));
        double centre = (size - 1) / 2.0;
        for (int y = 2; y < size - 2; y++) for (int x = 3; x < size - 2; x++) {
            double u = x - centre - 1;
            double v = y - centre;
            double sourceX = cos * u - sin * v + centre;
            double sourceY = sin * u + cos * v + centre;
            assertEquals(0.5 * sourceX + 0.25 * sourceY, turned.get(0, y, x), 1e-5, y + "," + x);
        }
    }

    @Test void aShiftMovesWholePixelsAndFillsWithZeros() {
        Tensor image = image(2, 4, 5);
        Tensor shifted = RandomAffine.transform(image, 0, 2, -1);
        for (int c = 0; c < 2; c++) for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) {
            int sy = y + 1, sx = x - 2;
            float expected = sy > 3 || sx < 0 ? 0 : image.get(c, sy, sx);
            assertEquals(expected, shifted.get(c, y, x));
        }
    }

    @Test void randomShiftsStayWithinTheFractionAndCoverIt() {
        Tensor image = image(1, 10, 20);
        RandomAffine translate = RandomAffine.translation(0.1);
        Generator random = new Generator(5);
        boolean[][] seen = new boolean[5][3];
        for (int trial = 0; trial < 300; trial++) {
            Tensor out = translate.apply(image, random);
            int[] shift = findShift(image, out);
            assertTrue(shift != null, "not a whole-pixel shift: " + out);
            seen[shift[0] + 2][shift[1] + 1] = true;
        }
        for (boolean[] row : seen) for (boolean hit : row) assertTrue(hit, "every shift up to 2 across and 1 down occurs");
    }

    /** The (dx, dy) with |dx| <= 2, |dy| <= 1 such that out is image moved by it, or null. */
    private static int[] findShift(Tensor image, Tensor out) {
        for (int dx = -2; dx <= 2; dx++) for (int dy = -1; dy <= 1; dy++) {
            if (Arrays.equals(RandomAffine.transform(image, 0, dx, dy).toArray(), out.toArray())) return new int[] {dx, dy};
        }
        return null;
    }

    @Test void theSeedDecidesTheAngleAndShift() {
        Tensor image = image(3, 8, 8);
        RandomAffine affine = new RandomAffine(15, 0.2);
        float[] first = affine.apply(image, new Generator(7)).toArray();
        assertArrayEquals(first, affine.apply(image, new Generator(7)).toArray());
        assertFalse(Arrays.equals(first, affine.apply(image, new Generator(8)).toArray()));
        // Small rotations only: the centre pixel of an unshifted rotation by at most 15 degrees barely moves.
        Tensor rotated = RandomAffine.rotation(15).apply(image(1, 9, 9), new Generator(3));
        assertEquals(image(1, 9, 9).get(0, 4, 4), rotated.get(0, 4, 4), 1e-4);
    }

    @Test void rejectsBadSettingsAndShapes() {
        assertEquals("RandomAffine: degrees must be in [0, 180] and translate in [0, 1]; got degrees=-1.0, translate=0.0",
                assertThrows(IllegalArgumentException.class, () -> new RandomAffine(-1, 0)).getMessage());
        assertEquals("RandomAffine[degrees=10.0, translate=0.1]: expected an image [C, H, W]; got [4, 4]",
                assertThrows(IllegalArgumentException.class,
                        () -> new RandomAffine(10, 0.1).apply(Tensor.zeros(4, 4), new Generator(1))).getMessage());
    }
}
