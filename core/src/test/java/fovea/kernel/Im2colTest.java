package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast im2col/col2im loops against their plain twins on odd geometries, whole images and strips. */
class Im2colTest {
    private final SplittableRandom random = new SplittableRandom(5);

    private float[] random(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) random.nextDouble(-1, 1);
        return values;
    }

    @Test void fastLoopsMatchPlainLoopsOnOddGeometries() {
        int checked = 0;
        for (int channels : new int[] {1, 3}) {
            for (int[] size : new int[][] {{1, 1}, {7, 5}, {4, 9}}) {
                for (int kernel : new int[] {1, 2, 3, 5}) {
                    for (int stride : new int[] {1, 2, 3}) {
                        for (int pad : new int[] {0, 1, 2}) {
                            for (int dilation : new int[] {1, 2}) {
                                int outH = ConvGeometry.outputSize(size[0], kernel, stride, pad, dilation);
                                int outW = ConvGeometry.outputSize(size[1], kernel, stride, pad + 1, dilation);
                                if (outH < 1 || outW < 1) continue;
                                ConvGeometry g = new ConvGeometry(channels, size[0], size[1], kernel, kernel, stride,
                                        stride, pad, pad + 1, dilation, dilation, outH, outW);
                                compare(g, 0, outH, 0);
                                if (outH > 2) compare(g, 1, outH - 1, 3);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(true, checked > 100, "checked " + checked);
    }

    /** Both directions on the strip of output rows [from, to), with offsets into larger arrays. */
    private void compare(ConvGeometry g, int from, int to, int offset) {
        float[] image = random(g.imageSize() + offset);
        int size = g.columnRows() * (to - from) * g.outW();
        float[] fast = random(size + 2);
        float[] plain = fast.clone();
        Im2col.im2col(g, image, offset, from, to, fast, 2);
        Im2col.im2colPlain(g, image, offset, from, to, plain, 2);
        assertArrayEquals(plain, fast, g + " rows " + from + ".." + to);

        float[] columns = random(size + 1);
        float[] fastImage = random(g.imageSize() + offset);
        float[] plainImage = fastImage.clone();
        Im2col.col2im(g, columns, 1, from, to, fastImage, offset);
        Im2col.col2imPlain(g, columns, 1, from, to, plainImage, offset);
        assertArrayEquals(plainImage, fastImage, g + " rows " + from + ".." + to);
    }

    @Test void col2imIsTheAdjointOfIm2col() {
        ConvGeometry g = ConvGeometry.of(2, 7, 5, 3, 3, 2, 1, 1, 2, 1, 2);
        float[] x = random(g.imageSize());
        float[] y = random(g.columnRows() * g.outputPlane());
        float[] columns = new float[y.length];
        Im2col.im2col(g, x, 0, 0, g.outH(), columns, 0);
        float[] back = new float[x.length];
        Im2col.col2im(g, y, 0, 0, g.outH(), back, 0);
        double left = 0, right = 0;
        for (int i = 0; i < y.length; i++) left += (double) columns[i] * y[i];
        for (int i = 0; i < x.length; i++) right += (double) x[i] * back[i];
        assertEquals(left, right, 1e-4 * Math.abs(left) + 1e-5);
    }

    @Test void geometryRejectsAnOutputTheKernelCannotReach() {
        assertEquals(3, ConvGeometry.outputSize(7, 3, 2, 0, 1));
        assertEquals(0, ConvGeometry.outputSize(2, 5, 1, 1, 1));
        var error = assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 7, 7, 3, 3, 2, 2, 0, 0, 1, 1, 4, 3));
        assertEquals(true, error.getMessage().startsWith("ConvGeometry: inconsistent sizes; got image 1x7x7"), error.getMessage());
    }
}
