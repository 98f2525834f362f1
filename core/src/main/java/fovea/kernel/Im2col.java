package fovea.kernel;

import java.util.Arrays;

/**
 * The column matrix of a convolution and its adjoint. {@code im2col} lays out, for a strip of output rows
 * [rowFrom, rowTo), one row per (channel, kernel row, kernel column) holding the image value under that tap at
 * each output position of the strip (zero in the padding), so that the convolution becomes one GEMM with the
 * weight [outChannels, channels * kernelH * kernelW]. {@code col2im} adds such a matrix back onto the image,
 * summing the overlaps: the derivative of im2col.
 *
 * <p>The fast loops work a whole row of output positions at once: the span of positions whose tap falls
 * inside the image is computed once per kernel column, so the inner loop is a copy (or a strided gather) with
 * no bounds tests. The plain loops beside them test every element and are the oracle.
 */
public final class Im2col {
    private Im2col() {}

    /**
     * columns[(c*kernelH + i)*kernelW + j][(oh - rowFrom)*outW + ow] = image[c][oh*strideH - padH + i*dilationH]
     * [ow*strideW - padW + j*dilationW], or 0 outside the image; the matrix has (rowTo - rowFrom) * outW columns.
     */
    public static void im2col(ConvGeometry g, float[] image, int imageOffset, int rowFrom, int rowTo,
                              float[] columns, int columnsOffset) {
        im2col(g, image, imageOffset, rowFrom, rowTo, columns, columnsOffset, (rowTo - rowFrom) * g.outW());
    }

    /**
     * As {@link #im2col(ConvGeometry, float[], int, int, int, float[], int)} into a matrix whose rows are
     * {@code ld} floats apart: several images' column matrices side by side, each at its own columnsOffset.
     */
    public static void im2col(ConvGeometry g, float[] image, int imageOffset, int rowFrom, int rowTo,
                              float[] columns, int columnsOffset, int ld) {
        int ow = g.outW();
        int plane = g.height() * g.width();
        for (int c = 0; c < g.channels(); c++) {
            int source = imageOffset + c * plane;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int shift = j * g.dilationW() - g.padW();
                    int lo = firstInside(shift, g.strideW(), ow);
                    int hi = Math.max(lo, firstInside(shift - g.width(), g.strideW(), ow));
                    int row = columnsOffset + ((c * g.kernelH() + i) * g.kernelW() + j) * ld;
                    for (int oh = rowFrom; oh < rowTo; oh++) {
                        int h = oh * g.strideH() - g.padH() + i * g.dilationH();
                        int target = row + (oh - rowFrom) * ow;
                        if (h < 0 || h >= g.height()) {
                            Arrays.fill(columns, target, target + ow, 0f);
                            continue;
                        }
                        if (lo > 0) Arrays.fill(columns, target, target + lo, 0f);
                        int from = source + h * g.width() + lo * g.strideW() + shift;
                        if (hi == lo) {
                            // no tap of this kernel column lands inside the image: the zero fills cover the row
                        } else if (g.strideW() == 1) {
                            System.arraycopy(image, from, columns, target + lo, hi - lo);
                        } else {
                            for (int x = lo, s = from; x < hi; x++, s += g.strideW()) columns[target + x] = image[s];
                        }
                        if (hi < ow) Arrays.fill(columns, target + hi, target + ow, 0f);
                    }
                }
            }
        }
    }

    /** image[c][h][w] += every column entry im2col would have read from there: the adjoint of im2col. */
    public static void col2im(ConvGeometry g, float[] columns, int columnsOffset, int rowFrom, int rowTo,
                              float[] image, int imageOffset) {
        col2im(g, columns, columnsOffset, rowFrom, rowTo, image, imageOffset, (rowTo - rowFrom) * g.outW());
    }

    /** As {@link #col2im(ConvGeometry, float[], int, int, int, float[], int)} from rows {@code ld} floats apart. */
    public static void col2im(ConvGeometry g, float[] columns, int columnsOffset, int rowFrom, int rowTo,
                              float[] image, int imageOffset, int ld) {
        int ow = g.outW();
        int plane = g.height() * g.width();
        for (int c = 0; c < g.channels(); c++) {
            int target = imageOffset + c * plane;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int shift = j * g.dilationW() - g.padW();
                    int lo = firstInside(shift, g.strideW(), ow);
                    int hi = Math.max(lo, firstInside(shift - g.width(), g.strideW(), ow));
                    if (hi == lo) continue;
                    int row = columnsOffset + ((c * g.kernelH() + i) * g.kernelW() + j) * ld;
                    for (int oh = rowFrom; oh < rowTo; oh++) {
                        int h = oh * g.strideH() - g.padH() + i * g.dilationH();
                        if (h < 0 || h >= g.height()) continue;
                        int source = row + (oh - rowFrom) * ow + lo;
                        int to = target + h * g.width() + lo * g.strideW() + shift;
                        if (g.strideW() == 1) {
                            for (int x = 0; x < hi - lo; x++) image[to + x] += columns[source + x];
                        } else {
                            for (int x = lo; x < hi; x++, to += g.strideW()) image[to] += columns[source + x - lo];
                        }
                    }
                }
            }
        }
    }

    /** The first output position ow in [0, outW] whose tap ow*stride + shift is >= 0. */
    private static int firstInside(int shift, int stride, int outW) {
        int first = -Math.floorDiv(shift, stride);       // ceil(-shift / stride)
        return Math.min(outW, Math.max(0, first));
    }

    /** The plain loop of {@link #im2col}: one bounds test per element. */
    public static void im2colPlain(ConvGeometry g, float[] image, int imageOffset, int rowFrom, int rowTo,
                                   float[] columns, int columnsOffset) {
        int index = columnsOffset;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    for (int oh = rowFrom; oh < rowTo; oh++) {
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int h = oh * g.strideH() - g.padH() + i * g.dilationH();
                            int w = ow * g.strideW() - g.padW() + j * g.dilationW();
                            boolean inside = h >= 0 && h < g.height() && w >= 0 && w < g.width();
                            columns[index++] = inside ? image[imageOffset + (c * g.height() + h) * g.width() + w] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** The plain loop of {@link #col2im}. */
    public static void col2imPlain(ConvGeometry g, float[] columns, int columnsOffset, int rowFrom, int rowTo,
                                   float[] image, int imageOffset) {
        int index = columnsOffset;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    for (int oh = rowFrom; oh < rowTo; oh++) {
                        for (int ow = 0; ow < g.outW(); ow++, index++) {
                            int h = oh * g.strideH() - g.padH() + i * g.dilationH();
                            int w = ow * g.strideW() - g.padW() + j * g.dilationW();
                            if (h >= 0 && h < g.height() && w >= 0 && w < g.width()) {
                                image[imageOffset + (c * g.height() + h) * g.width() + w] += columns[index];
                            }
                        }
                    }
                }
            }
        }
    }
}
