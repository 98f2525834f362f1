package fovea.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Direct convolution at stride 1 without dilation: no im2col and no packing of the image. Each image is copied
 * once into a zero-padded buffer of Hp x Wp planes, Wp = W + padW (neighbouring rows share their padding, see
 * {@link #rowStride}); in it, output position (y, x) at flat index q = y Wp + x
 * reads tap (c, ky, kx) at q + c Hp Wp + ky Wp + kx, so a run of consecutive positions reads a run of
 * consecutive floats for every tap, and the product is a GEMM whose image operand needs no im2col: the forward
 * product copies NR + kernelW - 1 floats per kernel row (c, ky) and block of NR positions into a panel that all
 * kernelW taps of the row read at shifted starts, the weight gradient reads the padded image in place through a
 * table of tap offsets ({@link VectorDirectConv}). The Wp - outW positions at the end of each row are computed
 * and dropped (at most {@link #MAX_WASTE} of the work).
 *
 * <p>The input gradient is the same operation on the output gradient padded by kernel - 1 - pad, with the
 * filters flipped and transposed. The weight gradient is the product of the padded image (read through the same
 * offsets) and the output gradient transposed to [position, filter] in panels of NR filters.
 *
 * <p>Images are spread over threads, each with its own buffers; weight gradients are summed in a fixed order.
 * {@link ConvGemm} takes this path for each product that {@link #appliesToForward}, {@link #appliesToData} or
 * {@link #appliesToWeight} accepts, and its GEMM path otherwise.
 */
final class DirectConv {
    /**
     * Most fraction of the computed positions that are dropped (padding columns, and the rounding up to NR).
     * Measured: LeNet-5's second layer (10 x 10 outputs in rows of 14, 31% dropped) runs faster this way than
     * through im2col (step 10.3-11.9 -> 7.6-7.9 ms), ResNet-18's 4 x 4 stage (50%) slower (2.6-2.9 -> 3.3-3.9 s).
     * With 512-bit vectors (NR = 32) the same layer drops 38% and still runs faster direct (LeNet-5 step 3.3-3.8
     * against 3.8-5.3 ms), so the limit is 40% there. {@code -Dfovea.conv.maxWaste} overrides it, for measuring.
     */
    static final double MAX_WASTE = Double.parseDouble(System.getProperty("fovea.conv.maxWaste",
            String.valueOf(VectorDirectConv.NR >= 32 ? 0.40 : 0.35)));
    /** Most taps per block of the forward product (the GEMM's kc): one gathered B panel stays in L1. */
    static final int TAP_BLOCK = 256;
    /** Register tiles of filters per block of the forward product (the GEMM's mc / MR): their weights stay in L2. */
    static final int FILTER_TILES = 32;
    /**
     * Most positions per block of the weight gradient, split evenly: one NR-wide slice of the gradient is read by
     * every tap tile of the block, from L1 or L2. Measured on a 28 x 28 image padded by 1 (812 positions): one block
     * about 2% faster than blocks of 256 or 512, as each block costs every tile a pass over its accumulators.
     */
    static final int WEIGHT_BLOCK = 1024;
    /** -Dfovea.conv.direct=false turns the path off (to compare with the GEMM path). */
    static final boolean ENABLED = !"false".equals(System.getProperty("fovea.conv.direct"));

    private static final int MR = VectorDirectConv.MR;
    private static final int TAP_ROWS = VectorDirectConv.TAP_ROWS;
    private static final int NR = VectorDirectConv.NR;
    private static final ThreadLocal<float[][]> PADDED = ThreadLocal.withInitial(() -> new float[][] {new float[0]});
    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[][] {new float[0]});
    private static final ThreadLocal<float[][]> PRODUCT = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private DirectConv() {}

    /** Whether the convolution of {@code p} goes this way. */
    static boolean appliesToForward(ConvGemm.Problem p) {
        return eligible(p) && efficient(p.image());
    }

    /** Whether the input gradient of {@code p} goes this way (the convolution of the output gradient). */
    static boolean appliesToData(ConvGemm.Problem p) {
        return eligible(p) && efficient(transposedGeometry(p.image(), p.groupOut()));
    }

    /**
     * Whether the weight gradient of {@code p} goes this way. Filters are rounded up to NR, and still few filters
     * (LeNet-5's 6) measured faster than through im2col and packing.
     */
    static boolean appliesToWeight(ConvGemm.Problem p) {
        return appliesToForward(p);
    }

    private static boolean eligible(ConvGemm.Problem p) {
        ConvGeometry g = p.image();
        return ENABLED && Simd.AVAILABLE && p.images() >= Parallel.threads() && !g.isPointwise()
                && g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.padH() < g.kernelH() && g.padW() < g.kernelW()
                && g.outH() == ConvGeometry.outputSize(g.height(), g.kernelH(), 1, g.padH(), 1)
                && g.outW() == ConvGeometry.outputSize(g.width(), g.kernelW(), 1, g.padW(), 1);
    }

    /** Whether at most {@link #MAX_WASTE} of the positions computed (a multiple of NR) are dropped. */
    private static boolean efficient(ConvGeometry g) {
        int computed = roundUp(g.outH() * rowStride(g), NR);
        return computed - g.outputPlane() <= MAX_WASTE * computed;
    }

    /** The input gradient's geometry: the output gradient (filters channels) convolved back to the image size. */
    private static ConvGeometry transposedGeometry(ConvGeometry g, int filters) {
        return ConvGeometry.of(filters, g.outH(), g.outW(), g.kernelH(), g.kernelW(), 1, 1,
                g.kernelH() - 1 - g.padH(), g.kernelW() - 1 - g.padW(), 1, 1);
    }

    /** output[n] += weight ⊛ input[n], as {@link ConvGemm#forward}. */
    static void forward(ConvGemm.Problem p, float[] weight, float[] input, float[] output) {
        ConvGeometry g = p.group();
        Plan[] plans = new Plan[p.groups()];
        for (int group = 0; group < p.groups(); group++) {
            plans[group] = new Plan(g, p.groupOut(), pack(weight, group * p.groupOut() * g.columnRows(), p.groupOut(),
                    g.columnRows(), tapBlock(g)));
        }
        forImages(p.images(), n -> {
            for (int group = 0; group < p.groups(); group++) {
                plans[group].convolve(input, n * p.image().imageSize() + group * g.imageSize(),
                        output, n * p.mapSize() + group * p.groupOut() * g.outputPlane());
            }
        });
    }

    /** inputGrad[n] += weightᵀ ⊛ outputGrad[n], as {@link ConvGemm#backwardData}. */
    static void backwardData(ConvGemm.Problem p, float[] weight, float[] outputGrad, float[] inputGrad) {
        ConvGeometry g = p.group();
        ConvGeometry back = transposedGeometry(g, p.groupOut());
        int channels = g.channels();
        int filters = p.groupOut();
        int window = g.kernelH() * g.kernelW();
        Plan[] plans = new Plan[p.groups()];
        float[] flipped = new float[channels * filters * window];
        for (int group = 0; group < p.groups(); group++) {
            int base = group * filters * g.columnRows();
            for (int k = 0; k < filters; k++) {
                for (int c = 0; c < channels; c++) {
                    for (int t = 0; t < window; t++) {
                        flipped[(c * filters + k) * window + window - 1 - t] =
                                weight[base + (k * channels + c) * window + t];
                    }
                }
            }
            plans[group] = new Plan(back, channels, pack(flipped, 0, channels, filters * window, tapBlock(back)));
        }
        forImages(p.images(), n -> {
            for (int group = 0; group < p.groups(); group++) {
                plans[group].convolve(outputGrad, n * p.mapSize() + group * filters * g.outputPlane(),
                        inputGrad, n * p.image().imageSize() + group * g.imageSize());
            }
        });
    }

    /** weightGrad += sum over images of outputGrad[n] ⊛ input[n], as {@link ConvGemm#backwardWeight}. */
    static void backwardWeight(ConvGemm.Problem p, float[] outputGrad, float[] input, float[] weightGrad) {
        ConvGeometry g = p.group();
        int filters = p.groupOut();
        int columns = roundUp(filters, NR);
        int taps = g.columnRows();
        int tapRows = roundUp(taps, TAP_ROWS);
        int paddedWidth = rowStride(g);
        int positions = g.outH() * paddedWidth;
        int block = evenBlock(positions, WEIGHT_BLOCK);
        int[] offsets = offsets(g, tapRows);
        int chunks = Math.min(Parallel.threads(), p.images());
        float[][] partial = new float[chunks][];
        Parallel.forEachChunk(chunks, chunk -> {
            float[] transposed = partial[chunk] = new float[p.groups() * tapRows * columns];
            float[] gradient = new float[positions * columns];
            int last = ConvGemm.from(p.images(), chunk + 1, chunks);
            for (int n = ConvGemm.from(p.images(), chunk, chunks); n < last; n++) {
                for (int group = 0; group < p.groups(); group++) {
                    float[] padded = pad(g, input, n * p.image().imageSize() + group * g.imageSize());
                    int maps = n * p.mapSize() + group * filters * g.outputPlane();
                    transposeGradient(outputGrad, maps, filters, g, positions, gradient);
                    for (int q = 0; q < positions; q += block) {
                        VectorDirectConv.weight(tapRows / TAP_ROWS, columns / NR, offsets, padded, gradient, positions,
                                columns, q, Math.min(positions, q + block), transposed, group * tapRows * columns);
                    }
                }
            }
        });
        ConvGemm.addTransposed(partial, p.groups(), filters, taps, tapRows * columns, columns, weightGrad);
    }

    /**
     * The output gradient of one image's filters (planes at {@code maps}) into NR-filter panels, [panel][position]
     * [NR], positions at q = y Wp + x; the dropped positions and filters past the last are left as they are (zero).
     * Row by row, the NR planes of a panel read side by side: each write then continues the last, where walking
     * one plane at a time wrote one float per 64-byte line of a buffer larger than L1 (a tenth of the weight
     * gradient's time).
     */
    private static void transposeGradient(float[] outputGrad, int maps, int filters, ConvGeometry g, int positions,
                                          float[] gradient) {
        int plane = g.outputPlane();
        int paddedWidth = rowStride(g);
        for (int k0 = 0; k0 < filters; k0 += NR) {
            int width = Math.min(NR, filters - k0);
            for (int y = 0; y < g.outH(); y++) {
                int src = maps + k0 * plane + y * g.outW();
                int dst = (k0 / NR * positions + y * paddedWidth) * NR;
                for (int x = 0; x < g.outW(); x++, dst += NR) {
                    for (int k = 0; k < width; k++) gradient[dst + k] = outputGrad[src + k * plane + x];
                }
            }
        }
    }

    /**
     * One lowered convolution of a group: its geometry, filters, weights packed MR filters per tap (zero rows up
     * to a multiple of MR) in blocks of {@link #tapBlock} taps, and the offset of each kernel row (c, ky) in the
     * padded image.
     */
    private record Plan(ConvGeometry g, int filters, float[] packed, int[] rowOffsets, int[] tapStarts) {
        Plan(ConvGeometry g, int filters, float[] packed) {
            this(g, filters, packed, DirectConv.rowOffsets(g), DirectConv.tapStarts(g));
        }

        /** output[filters planes at out] += the convolution of the image at in. */
        void convolve(float[] input, int in, float[] output, int out) {
            int paddedWidth = rowStride(g);
            int positions = roundUp(g.outH() * paddedWidth, NR);
            int tiles = roundUp(filters, MR) / MR;
            float[] padded = pad(g, input, in);
            float[] product = ConvGemm.buffer(PRODUCT, tiles * MR * positions);
            int kernelW = g.kernelW();
            int kernelRows = g.channels() * g.kernelH();
            int rowBlock = tapBlock(g) / kernelW;
            int rowLength = NR + kernelW - 1;
            float[] panel = ConvGemm.buffer(PANEL, rowBlock * rowLength + VectorDirectConv.VL);
            for (int r0 = 0; r0 < kernelRows; r0 += rowBlock) {
                int rows = Math.min(rowBlock, kernelRows - r0);
                int s0 = r0 * kernelW, kc = rows * kernelW;
                for (int t0 = 0; t0 < tiles; t0 += FILTER_TILES) {
                    int block = Math.min(FILTER_TILES, tiles - t0);
                    int a = (s0 * tiles + t0 * kc) * MR;
                    for (int q = 0; q < positions; q += NR) {
                        VectorDirectConv.gatherRows(padded, q, rowOffsets, r0, r0 + rows, rowLength, panel);
                        VectorDirectConv.kernel(kc, tapStarts, block, packed, a, panel, product,
                                t0 * MR * positions + q, positions, r0 > 0);
                    }
                }
            }
            VectorDirectConv.accumulateRows(product, positions, paddedWidth, filters * g.outH(), g.outH(), g.outW(),
                    output, out);
        }
    }

    /**
     * Rows [offset / cols, + rows) of a row-major [rows, cols] weight, packed for {@link VectorDirectConv#kernel} in
     * blocks of {@code tapBlock} columns (taps): within a block, tile after tile of MR rows, MR values per tap;
     * zero rows up to a multiple of MR.
     */
    private static float[] pack(float[] weight, int offset, int rows, int cols, int tapBlock) {
        int tiles = roundUp(rows, MR) / MR;
        float[] packed = new float[tiles * MR * cols];
        for (int s0 = 0; s0 < cols; s0 += tapBlock) {
            int kc = Math.min(tapBlock, cols - s0);
            for (int r = 0; r < rows; r++) {
                int base = s0 * tiles * MR + r / MR * MR * kc + r % MR;
                for (int s = 0; s < kc; s++) packed[base + s * MR] = weight[offset + r * cols + s0 + s];
            }
        }
        return packed;
    }

    /**
     * Taps per block of the forward product (the GEMM's kc): whole kernel rows (c, ky), at most {@link #TAP_BLOCK}
     * taps or one row, the rows split evenly.
     */
    static int tapBlock(ConvGeometry g) {
        return evenBlock(g.channels() * g.kernelH(), Math.max(1, TAP_BLOCK / g.kernelW())) * g.kernelW();
    }

    /** The size of the blocks of a loop of {@code length} steps: at most {@code most}, split evenly. */
    static int evenBlock(int length, int most) {
        int blocks = (length + most - 1) / most;
        return (length + blocks - 1) / blocks;
    }

    /**
     * The row stride of the padded image: the image width plus the padding on one side only. Each row holds its
     * left padding and then its values; a window running past a row's right edge reads on into the next row's left
     * padding, zeros as well (the window spans at most 2 padW columns of padding, and the last row of the last
     * plane is followed by zeros). So a 28-wide row padded by 1 costs 29 computed positions, not 30.
     */
    static int rowStride(ConvGeometry g) {
        return g.width() + g.padW();
    }

    /**
     * Where tap s of a block starts in its gathered panel ({@link VectorDirectConv#gatherRows}): row s / kernelW of
     * NR + kernelW - 1 floats, kernel column s % kernelW.
     */
    private static int[] tapStarts(ConvGeometry g) {
        int[] starts = new int[tapBlock(g)];
        for (int s = 0; s < starts.length; s++) starts[s] = s / g.kernelW() * (NR + g.kernelW() - 1) + s % g.kernelW();
        return starts;
    }

    /** The offset of each kernel row (c, ky) in the padded image: the offset of its tap kx = 0. */
    private static int[] rowOffsets(ConvGeometry g) {
        int[] offsets = new int[g.channels() * g.kernelH()];
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < g.kernelH(); ky++) {
                offsets[c * g.kernelH() + ky] = c * planeSize(g) + ky * rowStride(g);
            }
        }
        return offsets;
    }

    /** The floats of one padded plane: Hp rows of {@link #rowStride}. */
    private static int planeSize(ConvGeometry g) {
        return (g.height() + 2 * g.padH()) * rowStride(g);
    }

    /** The offset of each tap (c, ky, kx) in the padded image; taps past the kernel's (up to count) read offset 0. */
    private static int[] offsets(ConvGeometry g, int count) {
        int[] rows = rowOffsets(g);
        int[] offsets = new int[count];
        for (int s = 0; s < g.columnRows(); s++) offsets[s] = rows[s / g.kernelW()] + s % g.kernelW();
        return offsets;
    }

    /**
     * This thread's padded copy of the image at {@code offset}: Hp planes of rows {@link #rowStride} long, each its
     * left padding then its values, and 2 NR + kernelW floats of zeros after the last plane for the reads of the
     * dropped positions of its last row (gathered in whole vectors).
     */
    private static float[] pad(ConvGeometry g, float[] image, int offset) {
        int paddedWidth = rowStride(g);
        int planeSize = planeSize(g);
        int size = g.channels() * planeSize + 2 * NR + g.kernelW();
        float[] padded = ConvGemm.buffer(PADDED, size);
        Arrays.fill(padded, 0, size, 0f);
        for (int c = 0; c < g.channels(); c++) {
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(image, offset + (c * g.height() + y) * g.width(), padded,
                        c * planeSize + (y + g.padH()) * paddedWidth + g.padW(), g.width());
            }
        }
        return padded;
    }

    /** Runs body for each image, the images spread over threads in contiguous ranges. */
    private static void forImages(int images, IntConsumer body) {
        int chunks = Math.min(Parallel.threads(), images);
        Parallel.forEachChunk(chunks, chunk -> {
            int last = ConvGemm.from(images, chunk + 1, chunks);
            for (int n = ConvGemm.from(images, chunk, chunks); n < last; n++) body.accept(n);
        });
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
