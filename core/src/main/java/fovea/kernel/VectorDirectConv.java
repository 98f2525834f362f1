package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link DirectConv}: the gathering of the forward pass's B panels, the scatter of its
 * product, and the weight gradient's register tiles: the {@link SgemmVector} micro-kernel's tiles (4 x 16 on
 * AVX2, 8 x 32 on AVX-512) with the tap operand read in place from the padded image through tap offsets instead
 * of from a packed panel. Only touched when {@link Simd#AVAILABLE}.
 */
final class VectorDirectConv {
    static final VectorSpecies<Float> SPECIES = SgemmVector.SPECIES;
    static final int VL = SgemmVector.VL;
    /** Filters per register tile of the forward product: the SGEMM's rows (8 with 512-bit vectors, else 4). */
    static final int MR = SgemmVector.MR;
    /** Taps per register tile of the weight gradient: as many as the forward tile's filters, 8 or 4. */
    static final int TAP_ROWS = MR;
    /** Filters per register tile of the weight gradient; positions per B panel of the forward pass. */
    static final int NR = SgemmVector.NR;

    private VectorDirectConv() {}

    /**
     * output[row, 0 .. width) += product[row's source, 0 .. width) for {@code rows} rows of {@code width} floats at
     * {@code out}, where row r = k height + y is read from product[k ld + y paddedWidth]: the valid positions of
     * the product, whose rows carry the padding's positions at their ends. (A call per row through
     * {@link Loops#accumulate} took over a quarter of the forward pass on 28-wide rows.)
     */
    static void accumulateRows(float[] product, int ld, int paddedWidth, int rows, int height, int width,
                               float[] output, int out) {
        int vectorEnd = width - width % VL;
        for (int r = 0; r < rows; r++) {
            int src = r / height * ld + r % height * paddedWidth;
            int dst = out + r * width;
            int x = 0;
            for (; x < vectorEnd; x += VL) {
                FloatVector.fromArray(SPECIES, product, src + x).add(FloatVector.fromArray(SPECIES, output, dst + x))
                        .intoArray(output, dst + x);
            }
            for (; x < width; x++) output[dst + x] += product[src + x];
        }
    }

    /**
     * Gathers the B panel of the NR positions from {@code q} for kernel rows [r0, r1) (one per channel and kernel
     * row): its row r - r0 = padded[q + rowOffsets[r] .. + rowLength), rowLength = NR + kernelW - 1, which holds the
     * NR inputs of each of the row's kernelW taps, each one float further on than the last. A panel row per tap
     * instead copied the same floats kernelW times (a tenth of the forward pass for 3 x 3 kernels). Copies whole
     * vectors: up to VL - 1 floats past each row, overwritten by the next, and past the last row into the slack.
     */
    static void gatherRows(float[] padded, int q, int[] rowOffsets, int r0, int r1, int rowLength, float[] panel) {
        for (int r = r0, dst = 0; r < r1; r++, dst += rowLength) {
            int src = q + rowOffsets[r];
            for (int i = 0; i < rowLength; i += VL) {
                FloatVector.fromArray(SPECIES, padded, src + i).intoArray(panel, dst + i);
            }
        }
    }

    /**
     * {@link SgemmVector#kernel} on a panel gathered by {@link #gatherRows}: the B operand of tap p is the panel's
     * vectors from {@code tapStarts[p]} (row r, kernel column kx: r rowLength + kx), so the kernelW taps of a row
     * read overlapping vectors of it. For each of {@code tiles} consecutive A panels (MR filters, kc taps):
     * C[MR x NR tile] = A-panel * B, plus C when {@code accumulate}. Kept in the shape of SgemmVector's kernel (a
     * method per tile, one flat loop of straight-line code over locals) for the same reasons; a loop over kernel
     * rows with one over kernelW inside ran at half the speed.
     */
    static void kernel(int kc, int[] tapStarts, int tiles, float[] a, int aIndex, float[] b, float[] c, int cIndex,
                       int ldc, boolean accumulate) {
        for (int tile = 0; tile < tiles; tile++) {
            int aStart = aIndex + tile * MR * kc, row = cIndex + tile * MR * ldc;
            if (MR == 8) tile8(kc, tapStarts, a, aStart, b, c, row, ldc, accumulate);
            else tile(kc, tapStarts, a, aStart, b, c, row, ldc, accumulate);
        }
    }

    /** One 4-row register tile of {@link #kernel}, its own compilation unit with one loop, as SgemmVector's. */
    static void tile(int kc, int[] tapStarts, float[] a, int aStart, float[] b, float[] c, int row, int ldc,
                     boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero,
                c10 = zero, c11 = zero,
                c20 = zero, c21 = zero,
                c30 = zero, c31 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aStart + p * 4;
            int bi = tapStarts[p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + VL);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, c, row));
            c01 = c01.add(FloatVector.fromArray(SPECIES, c, row + VL));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, row + ldc));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, row + ldc + VL));
            c20 = c20.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc + VL));
            c30 = c30.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc + VL));
        }
        c00.intoArray(c, row);
        c01.intoArray(c, row + VL);
        c10.intoArray(c, row + ldc);
        c11.intoArray(c, row + ldc + VL);
        c20.intoArray(c, row + 2 * ldc);
        c21.intoArray(c, row + 2 * ldc + VL);
        c30.intoArray(c, row + 3 * ldc);
        c31.intoArray(c, row + 3 * ldc + VL);
    }

    /** The 8-row register tile of {@link #kernel} with 512-bit vectors, as {@link SgemmVector#tile8}. */
    static void tile8(int kc, int[] tapStarts, float[] a, int aStart, float[] b, float[] c, int row, int ldc,
                      boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero,
                c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aStart + p * 8;
            int bi = tapStarts[p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + VL);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, c, row));
            c01 = c01.add(FloatVector.fromArray(SPECIES, c, row + VL));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, row + ldc));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, row + ldc + VL));
            c20 = c20.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(SPECIES, c, row + 2 * ldc + VL));
            c30 = c30.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(SPECIES, c, row + 3 * ldc + VL));
            c40 = c40.add(FloatVector.fromArray(SPECIES, c, row + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(SPECIES, c, row + 4 * ldc + VL));
            c50 = c50.add(FloatVector.fromArray(SPECIES, c, row + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(SPECIES, c, row + 5 * ldc + VL));
            c60 = c60.add(FloatVector.fromArray(SPECIES, c, row + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(SPECIES, c, row + 6 * ldc + VL));
            c70 = c70.add(FloatVector.fromArray(SPECIES, c, row + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(SPECIES, c, row + 7 * ldc + VL));
        }
        c00.intoArray(c, row);
        c01.intoArray(c, row + VL);
        c10.intoArray(c, row + ldc);
        c11.intoArray(c, row + ldc + VL);
        c20.intoArray(c, row + 2 * ldc);
        c21.intoArray(c, row + 2 * ldc + VL);
        c30.intoArray(c, row + 3 * ldc);
        c31.intoArray(c, row + 3 * ldc + VL);
        c40.intoArray(c, row + 4 * ldc);
        c41.intoArray(c, row + 4 * ldc + VL);
        c50.intoArray(c, row + 5 * ldc);
        c51.intoArray(c, row + 5 * ldc + VL);
        c60.intoArray(c, row + 6 * ldc);
        c61.intoArray(c, row + 6 * ldc + VL);
        c70.intoArray(c, row + 7 * ldc);
        c71.intoArray(c, row + 7 * ldc + VL);
    }

    /**
     * The weight gradient, transposed, for positions [q0, q1): transposed[s, filter] += sum over q of
     * padded[q + offsets[s]] * gradient[q, filter], for {@code tapTiles} panels of TAP_ROWS taps and {@code panels}
     * panels of NR filters. {@code gradient} holds the output gradient transposed, in panels of NR filters for
     * each of {@code positions} positions, zero at the padding's positions; {@code transposed} has {@code filters}
     * (a multiple of NR) floats per tap and starts at {@code tIndex}.
     */
    static void weight(int tapTiles, int panels, int[] offsets, float[] padded, float[] gradient, int positions,
                       int filters, int q0, int q1, float[] transposed, int tIndex) {
        for (int panel = 0; panel < panels; panel++) {
            for (int tile = 0; tile < tapTiles; tile++) {
                int row = tIndex + tile * TAP_ROWS * filters + panel * NR;
                if (TAP_ROWS == 8) {
                    weightTile8(offsets, tile * 8, padded, gradient, panel * positions * NR, filters, q0, q1,
                            transposed, row);
                } else {
                    weightTile(offsets[tile * 4], offsets[tile * 4 + 1], offsets[tile * 4 + 2], offsets[tile * 4 + 3],
                            padded, gradient, panel * positions * NR, filters, q0, q1, transposed, row);
                }
            }
        }
    }

    /**
     * One 4-tap register tile of {@link #weight}: taps at offsets o0..o3 by the NR filters of the gradient panel at
     * {@code panelStart}, added to transposed[row ...]; its own compilation unit with one loop, as
     * {@link SgemmVector#tile}.
     */
    static void weightTile(int o0, int o1, int o2, int o3, float[] padded, float[] gradient, int panelStart,
                           int filters, int q0, int q1, float[] transposed, int row) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero,
                c10 = zero, c11 = zero,
                c20 = zero, c21 = zero,
                c30 = zero, c31 = zero;
        for (int q = q0; q < q1; q++) {
            int bi = panelStart + q * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, gradient, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, gradient, bi + VL);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, padded[q + o0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, padded[q + o1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, padded[q + o2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, padded[q + o3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.add(FloatVector.fromArray(SPECIES, transposed, row)).intoArray(transposed, row);
        c01.add(FloatVector.fromArray(SPECIES, transposed, row + VL)).intoArray(transposed, row + VL);
        c10.add(FloatVector.fromArray(SPECIES, transposed, row + filters)).intoArray(transposed, row + filters);
        c11.add(FloatVector.fromArray(SPECIES, transposed, row + filters + VL))
                .intoArray(transposed, row + filters + VL);
        c20.add(FloatVector.fromArray(SPECIES, transposed, row + 2 * filters))
                .intoArray(transposed, row + 2 * filters);
        c21.add(FloatVector.fromArray(SPECIES, transposed, row + 2 * filters + VL))
                .intoArray(transposed, row + 2 * filters + VL);
        c30.add(FloatVector.fromArray(SPECIES, transposed, row + 3 * filters))
                .intoArray(transposed, row + 3 * filters);
        c31.add(FloatVector.fromArray(SPECIES, transposed, row + 3 * filters + VL))
                .intoArray(transposed, row + 3 * filters + VL);
    }

    /**
     * The 8-tap register tile of {@link #weight} with 512-bit vectors (16 accumulators), taps at offsets[at] to
     * offsets[at + 7], otherwise as {@link #weightTile}.
     */
    static void weightTile8(int[] offsets, int at, float[] padded, float[] gradient, int panelStart, int filters,
                            int q0, int q1, float[] transposed, int row) {
        int o0 = offsets[at], o1 = offsets[at + 1], o2 = offsets[at + 2], o3 = offsets[at + 3];
        int o4 = offsets[at + 4], o5 = offsets[at + 5], o6 = offsets[at + 6], o7 = offsets[at + 7];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero,
                c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int q = q0; q < q1; q++) {
            int bi = panelStart + q * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, gradient, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, gradient, bi + VL);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, padded[q + o0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, padded[q + o1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, padded[q + o2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, padded[q + o3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, padded[q + o4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, padded[q + o5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, padded[q + o6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, padded[q + o7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.add(FloatVector.fromArray(SPECIES, transposed, row)).intoArray(transposed, row);
        c01.add(FloatVector.fromArray(SPECIES, transposed, row + VL)).intoArray(transposed, row + VL);
        c10.add(FloatVector.fromArray(SPECIES, transposed, row + filters)).intoArray(transposed, row + filters);
        c11.add(FloatVector.fromArray(SPECIES, transposed, row + filters + VL))
                .intoArray(transposed, row + filters + VL);
        c20.add(FloatVector.fromArray(SPECIES, transposed, row + 2 * filters)).intoArray(transposed, row + 2 * filters);
        c21.add(FloatVector.fromArray(SPECIES, transposed, row + 2 * filters + VL))
                .intoArray(transposed, row + 2 * filters + VL);
        c30.add(FloatVector.fromArray(SPECIES, transposed, row + 3 * filters)).intoArray(transposed, row + 3 * filters);
        c31.add(FloatVector.fromArray(SPECIES, transposed, row + 3 * filters + VL))
                .intoArray(transposed, row + 3 * filters + VL);
        c40.add(FloatVector.fromArray(SPECIES, transposed, row + 4 * filters)).intoArray(transposed, row + 4 * filters);
        c41.add(FloatVector.fromArray(SPECIES, transposed, row + 4 * filters + VL))
                .intoArray(transposed, row + 4 * filters + VL);
        c50.add(FloatVector.fromArray(SPECIES, transposed, row + 5 * filters)).intoArray(transposed, row + 5 * filters);
        c51.add(FloatVector.fromArray(SPECIES, transposed, row + 5 * filters + VL))
                .intoArray(transposed, row + 5 * filters + VL);
        c60.add(FloatVector.fromArray(SPECIES, transposed, row + 6 * filters)).intoArray(transposed, row + 6 * filters);
        c61.add(FloatVector.fromArray(SPECIES, transposed, row + 6 * filters + VL))
                .intoArray(transposed, row + 6 * filters + VL);
        c70.add(FloatVector.fromArray(SPECIES, transposed, row + 7 * filters)).intoArray(transposed, row + 7 * filters);
        c71.add(FloatVector.fromArray(SPECIES, transposed, row + 7 * filters + VL))
                .intoArray(transposed, row + 7 * filters + VL);
    }
}
