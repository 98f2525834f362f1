package fovea.kernel;

/**
 * Convolution lowered onto {@link Sgemm}: the three products a convolution and its transpose are made of, for a
 * batch of images [images, channels, height, width] (the image side), maps [images, outChannels, outH, outW]
 * (the output side) and a weight [outChannels, channels / groups * kernelH * kernelW]. All three accumulate
 * into their target, so callers start from zeros, a bias, or a gradient to add to.
 *
 * <p>Per image and group the image is unrolled by {@link Im2col} into a column buffer, a strip of output rows
 * at a time, so the buffer stays within {@link #COLUMN_BUDGET} floats whatever the image size; the buffer is
 * kept per thread and reused across calls. A 1x1 kernel at stride 1 without padding needs no unrolling: the
 * image is its own column matrix.
 *
 * <p>Threads: when one image is enough work for the GEMM to split it over threads, images run one after
 * another, the GEMM threads inside, and the unrolling is split over channels. Smaller images (the thin early
 * layers of small networks, which the GEMM would run on one thread) are spread over threads instead, each
 * with its own buffer; their weight gradients are summed in a fixed order, so results never depend on timing.
 * Either way, images whose output planes are small go through each GEMM several at a time, their column
 * matrices side by side ({@link Problem#batched}).
 *
 * <p>Convolutions at stride 1 without dilation, of batches of at least one image per thread, go to
 * {@link DirectConv} instead (each of the three products that it takes), which reads the image in place: no
 * unrolling, no packing of the column matrix (tested against plain loops, as the lowering here is).
 */
public final class ConvGemm {
    /**
     * Most floats of one column buffer: 1 MiB keeps the strip in the caches between im2col and the GEMM. Measured
     * on [64, 32, 28, 28] with 3x3 filters: a whole image per GEMM (784 columns) beat half and quarter strips
     * by 15-40%, and beat batching 4 or 16 images side by side (whose buffers spill the caches) by 10-50%.
     */
    static final int COLUMN_BUDGET = 1 << 18;
    /** Fewest output positions per strip (unless the image has fewer): thinner GEMMs lose speed quickly. */
    static final int MIN_STRIP_COLUMNS = 1024;
    /**
     * Output planes of at most this many positions go through the GEMM several images at a time (see
     * {@link Problem#batched}). ResNet-18 (CIFAR form, batch 64) took 3.78 s per step with one image per GEMM,
     * 2.6-2.9 s batching its 16x16, 8x8 and 4x4 stages, 3.14 s batching only the 8x8 and 4x4 ones.
     */
    static final int BATCH_MAX_PLANE = 256;
    /** Fewer multiply-adds per image than this and images are spread over threads (the GEMM stays on one). */
    static final long IMAGE_PARALLEL_VOLUME = 1L << 22;
    /** Fewer column elements than this and unrolling one image is not split over threads. */
    static final int UNROLL_GRAIN = 1 << 15;

    private static final ThreadLocal<float[][]> COLUMNS = ThreadLocal.withInitial(() -> new float[][] {new float[0]});
    private static final ThreadLocal<float[][]> PRODUCTS = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private ConvGemm() {}

    /**
     * The sizes of one lowered convolution: {@code image} describes one whole image (all channels), and the
     * channels of both sides are split into {@code groups} independent groups.
     */
    public record Problem(ConvGeometry image, int images, int outChannels, int groups) {
        public Problem {
            if (images < 0 || groups < 1 || outChannels < 1 || image.channels() % groups != 0 || outChannels % groups != 0) {
                throw new IllegalArgumentException("ConvGemm: expected images >= 0 and channels " + image.channels()
                        + " and outChannels " + outChannels + " divisible by groups " + groups + "; got images="
                        + images);
            }
        }

        ConvGeometry group() {
            return image.withChannels(image.channels() / groups);
        }

        int groupOut() {
            return outChannels / groups;
        }

        int mapSize() {
            return outChannels * image.outputPlane();
        }

        long imageVolume() {
            return (long) outChannels * group().columnRows() * image.outputPlane();
        }

        /**
         * Whether images go through the GEMM several at a time, their column matrices side by side: when the output
         * plane is small (the deep layers of a CIFAR ResNet: 16 to 256 positions). One image per GEMM then repacked
         * the whole weight for a few output columns (512 x 4608 floats for 16 positions at ResNet-18's last stage),
         * passed over the weight gradient once per image, and ran GEMMs too thin for the micro-kernel's speed.
         * Batches are spread over threads as single images are ({@link #imageChunks}).
         */
        boolean batched() {
            return !group().isPointwise() && images > 1 && image.outputPlane() <= BATCH_MAX_PLANE;
        }

        /** Images per batch of {@link #batched}: enough for {@link #MIN_STRIP_COLUMNS} output columns. */
        int imagesPerBatch() {
            return Math.min(images, (MIN_STRIP_COLUMNS + image.outputPlane() - 1) / image.outputPlane());
        }

        /** Output rows per strip: as many as fit the column budget, but enough for a GEMM of full speed. */
        int stripRows() {
            long perRow = (long) group().columnRows() * image.outW();
            long rows = Math.max(COLUMN_BUDGET / perRow, (MIN_STRIP_COLUMNS + image.outW() - 1) / image.outW());
            return (int) Math.max(1, Math.min(image.outH(), rows));
        }
    }

    /** output[n] += weight ⊛ input[n]: the convolution (the transposed convolution's input gradient). */
    public static void forward(Problem p, float[] weight, float[] input, float[] output) {
        if (DirectConv.appliesToForward(p)) {
            DirectConv.forward(p, weight, input, output);
            return;
        }
        forImages(p, (from, to, parallelUnroll) -> {
            if (p.batched()) {
                forBatches(p, from, to, (n0, n1, group) -> forwardBatch(p, weight, input, output, n0, n1, group));
                return;
            }
            for (int n = from; n < to; n++) {
                for (int group = 0; group < p.groups(); group++) forwardOne(p, weight, input, output, n, group, parallelUnroll);
            }
        });
    }

    /** inputGrad[n] += weightᵀ ⊛ outputGrad[n]: the input gradient (the transposed convolution itself). */
    public static void backwardData(Problem p, float[] weight, float[] outputGrad, float[] inputGrad) {
        if (DirectConv.appliesToData(p)) {
            DirectConv.backwardData(p, weight, outputGrad, inputGrad);
            return;
        }
        forImages(p, (from, to, parallelUnroll) -> {
            if (p.batched()) {
                forBatches(p, from, to, (n0, n1, group) -> dataBatch(p, weight, outputGrad, inputGrad, n0, n1, group));
                return;
            }
            for (int n = from; n < to; n++) {
                for (int group = 0; group < p.groups(); group++) dataOne(p, weight, outputGrad, inputGrad, n, group, parallelUnroll);
            }
        });
    }

    /**
     * weightGrad += sum over images of outputGrad[n] ⊛ input[n]: the weight gradient. It is computed transposed,
     * columns times outputGradᵀ, because then the large column matrix is the GEMM's A and is packed along its
     * rows; as B it would be packed across them, which measured slower than the whole product.
     */
    public static void backwardWeight(Problem p, float[] outputGrad, float[] input, float[] weightGrad) {
        if (p.images() == 0) return;
        if (DirectConv.appliesToWeight(p)) {
            DirectConv.backwardWeight(p, outputGrad, input, weightGrad);
            return;
        }
        int chunks = imageChunks(p);
        float[][] partial = new float[chunks][];
        Parallel.forEachChunk(chunks, chunk -> {
            float[] target = partial[chunk] = new float[weightGrad.length];
            if (p.batched()) {
                forBatches(p, from(p.images(), chunk, chunks), from(p.images(), chunk + 1, chunks),
                        (n0, n1, group) -> weightBatch(p, outputGrad, input, target, n0, n1, group));
                return;
            }
            for (int n = from(p.images(), chunk, chunks); n < from(p.images(), chunk + 1, chunks); n++) {
                for (int group = 0; group < p.groups(); group++) weightOne(p, outputGrad, input, target, n, group, chunks == 1);
            }
        });
        int rows = p.group().columnRows();
        addTransposed(partial, p.groups(), p.groupOut(), rows, p.groupOut() * rows, p.groupOut(), weightGrad);
    }

    /**
     * weightGrad[group, k, r] += transposed[group groupStride + r rowStride + k] for each of the threads' partial
     * weight gradients, computed transposed ([rows, filters] per group, rows rowStride apart), in chunk order so
     * that the sum does not depend on timing.
     */
    static void addTransposed(float[][] partial, int groups, int filters, int rows, int groupStride, int rowStride,
                              float[] weightGrad) {
        for (float[] transposed : partial) {
            for (int group = 0; group < groups; group++) {
                int from = group * groupStride;
                int to = group * filters * rows;
                for (int k = 0; k < filters; k++) {
                    for (int r = 0; r < rows; r++) weightGrad[to + k * rows + r] += transposed[from + r * rowStride + k];
                }
            }
        }
    }

    private static void forwardOne(Problem p, float[] weight, float[] input, float[] output, int n, int group,
                                   boolean parallelUnroll) {
        ConvGeometry g = p.group();
        int rows = g.columnRows();
        int plane = g.outputPlane();
        int in = n * p.image().imageSize() + group * g.imageSize();
        int out = n * p.mapSize() + group * p.groupOut() * plane;
        int w = group * p.groupOut() * rows;
        if (g.isPointwise()) {
            Sgemm.sgemm(false, false, p.groupOut(), plane, rows, 1f, weight, w, rows, input, in, plane, 1f, output, out, plane);
            return;
        }
        int strip = p.stripRows();
        float[] columns = columns(rows * strip * g.outW());
        for (int r0 = 0; r0 < g.outH(); r0 += strip) {
            int r1 = Math.min(g.outH(), r0 + strip);
            int cols = (r1 - r0) * g.outW();
            unroll(g, input, in, r0, r1, columns, parallelUnroll);
            Sgemm.sgemm(false, false, p.groupOut(), cols, rows, 1f, weight, w, rows, columns, 0, cols,
                    1f, output, out + r0 * g.outW(), plane);
        }
    }

    private static void dataOne(Problem p, float[] weight, float[] outputGrad, float[] inputGrad, int n, int group,
                                boolean parallelUnroll) {
        ConvGeometry g = p.group();
        int rows = g.columnRows();
        int plane = g.outputPlane();
        int in = n * p.image().imageSize() + group * g.imageSize();
        int out = n * p.mapSize() + group * p.groupOut() * plane;
        int w = group * p.groupOut() * rows;
        if (g.isPointwise()) {
            Sgemm.sgemm(true, false, rows, plane, p.groupOut(), 1f, weight, w, rows, outputGrad, out, plane,
                    1f, inputGrad, in, plane);
            return;
        }
        int strip = p.stripRows();
        float[] columns = columns(rows * strip * g.outW());
        for (int r0 = 0; r0 < g.outH(); r0 += strip) {
            int r1 = Math.min(g.outH(), r0 + strip);
            int cols = (r1 - r0) * g.outW();
            Sgemm.sgemm(true, false, rows, cols, p.groupOut(), 1f, weight, w, rows, outputGrad, out + r0 * g.outW(),
                    plane, 0f, columns, 0, cols);
            fold(g, columns, r0, r1, inputGrad, in, parallelUnroll);
        }
    }

    /** transposed[group] [rows, groupOut] += columns of input[n] times outputGrad[n]ᵀ, for one image and group. */
    private static void weightOne(Problem p, float[] outputGrad, float[] input, float[] transposed, int n, int group,
                                  boolean parallelUnroll) {
        ConvGeometry g = p.group();
        int rows = g.columnRows();
        int plane = g.outputPlane();
        int filters = p.groupOut();
        int in = n * p.image().imageSize() + group * g.imageSize();
        int out = n * p.mapSize() + group * filters * plane;
        int w = group * filters * rows;
        if (g.isPointwise()) {
            Sgemm.sgemm(false, true, rows, filters, plane, 1f, input, in, plane, outputGrad, out, plane,
                    1f, transposed, w, filters);
            return;
        }
        int strip = p.stripRows();
        float[] columns = columns(rows * strip * g.outW());
        for (int r0 = 0; r0 < g.outH(); r0 += strip) {
            int r1 = Math.min(g.outH(), r0 + strip);
            int cols = (r1 - r0) * g.outW();
            unroll(g, input, in, r0, r1, columns, parallelUnroll);
            Sgemm.sgemm(false, true, rows, filters, cols, 1f, columns, 0, cols, outputGrad, out + r0 * g.outW(), plane,
                    1f, transposed, w, filters);
        }
    }

    /** output[n0 .. n1) += weight ⊛ input for one group: one GEMM over the images' columns side by side. */
    private static void forwardBatch(Problem p, float[] weight, float[] input, float[] output, int n0, int n1, int group) {
        ConvGeometry g = p.group();
        int rows = g.columnRows();
        int plane = g.outputPlane();
        int ld = (n1 - n0) * plane;
        float[] columns = columns(rows * ld);
        unrollImages(p, input, n0, n1, group, columns, ld);
        float[] product = products(p.groupOut() * ld);
        Sgemm.sgemm(false, false, p.groupOut(), ld, rows, 1f, weight, group * p.groupOut() * rows, rows, columns, 0, ld,
                0f, product, 0, ld);
        for (int n = n0; n < n1; n++) {
            for (int k = 0; k < p.groupOut(); k++) {
                Loops.accumulate(product, k * ld + (n - n0) * plane, output,
                        n * p.mapSize() + (group * p.groupOut() + k) * plane, plane);
            }
        }
    }

    /** inputGrad[n0 .. n1) += weightᵀ ⊛ outputGrad for one group, batched as {@link #forwardBatch}. */
    private static void dataBatch(Problem p, float[] weight, float[] outputGrad, float[] inputGrad, int n0, int n1, int group) {
        ConvGeometry g = p.group();
        int rows = g.columnRows();
        int plane = g.outputPlane();
        int ld = (n1 - n0) * plane;
        float[] product = gatherMaps(p, outputGrad, n0, n1, group, ld);
        float[] columns = columns(rows * ld);
        Sgemm.sgemm(true, false, rows, ld, p.groupOut(), 1f, weight, group * p.groupOut() * rows, rows, product, 0, ld,
                0f, columns, 0, ld);
        Parallel.forRange(n1 - n0, 1, (from, to) -> {
            for (int n = n0 + from; n < n0 + to; n++) {
                Im2col.col2im(g, columns, (n - n0) * plane, 0, g.outH(), inputGrad,
                        n * p.image().imageSize() + group * g.imageSize(), ld);
            }
        });
    }

    /** transposed[group] [rows, groupOut] += columns of input[n0 .. n1) times their outputGradᵀ, in one GEMM. */
    private static void weightBatch(Problem p, float[] outputGrad, float[] input, float[] transposed, int n0, int n1, int group) {
        ConvGeometry g = p.group();
        int rows = g.columnRows();
        int ld = (n1 - n0) * g.outputPlane();
        float[] product = gatherMaps(p, outputGrad, n0, n1, group, ld);
        float[] columns = columns(rows * ld);
        unrollImages(p, input, n0, n1, group, columns, ld);
        Sgemm.sgemm(false, true, rows, p.groupOut(), ld, 1f, columns, 0, ld, product, 0, ld,
                1f, transposed, group * p.groupOut() * rows, p.groupOut());
    }

    /** The maps of one group of images [n0, n1) side by side: [groupOut, (n1 - n0) * plane], in the product buffer. */
    private static float[] gatherMaps(Problem p, float[] maps, int n0, int n1, int group, int ld) {
        int plane = p.group().outputPlane();
        float[] gathered = products(p.groupOut() * ld);
        for (int n = n0; n < n1; n++) {
            for (int k = 0; k < p.groupOut(); k++) {
                System.arraycopy(maps, n * p.mapSize() + (group * p.groupOut() + k) * plane, gathered,
                        k * ld + (n - n0) * plane, plane);
            }
        }
        return gathered;
    }

    /** im2col of whole images [n0, n1) of one group side by side, rows ld apart, the images spread over threads. */
    private static void unrollImages(Problem p, float[] input, int n0, int n1, int group, float[] columns, int ld) {
        ConvGeometry g = p.group();
        int plane = g.outputPlane();
        Parallel.forRange(n1 - n0, 1, (from, to) -> {
            for (int n = n0 + from; n < n0 + to; n++) {
                Im2col.im2col(g, input, n * p.image().imageSize() + group * g.imageSize(), 0, g.outH(), columns,
                        (n - n0) * plane, ld);
            }
        });
    }

    /**
     * Runs body over images [from, to) of a {@link Problem#batched} problem in batches, each group in turn. A range
     * is all images (the GEMMs then split over threads) or one thread's share (each batch then on that thread).
     */
    private static void forBatches(Problem p, int from, int to, Batch body) {
        int per = p.imagesPerBatch();
        for (int n0 = from; n0 < to; n0 += per) {
            for (int group = 0; group < p.groups(); group++) body.run(n0, Math.min(to, n0 + per), group);
        }
    }

    /** This thread's buffer for the products and gathered maps of batched problems, with at least {@code size} floats. */
    private static float[] products(int size) {
        return buffer(PRODUCTS, size);
    }

    @FunctionalInterface
    private interface Batch {
        void run(int n0, int n1, int group);
    }

    /** im2col of one strip, split over channels when it is large and the caller runs alone. */
    private static void unroll(ConvGeometry g, float[] image, int offset, int r0, int r1, float[] columns, boolean parallel) {
        int perChannel = g.kernelH() * g.kernelW() * (r1 - r0) * g.outW();
        if (!parallel || (long) perChannel * g.channels() < UNROLL_GRAIN || g.channels() == 1) {
            Im2col.im2col(g, image, offset, r0, r1, columns, 0);
            return;
        }
        Parallel.forRange(g.channels(), Math.max(1, UNROLL_GRAIN / 2 / perChannel), (c0, c1) ->
                Im2col.im2col(g.withChannels(c1 - c0), image, offset + c0 * g.height() * g.width(), r0, r1,
                        columns, c0 * perChannel));
    }

    /** col2im of one strip, split over channels likewise: each channel's plane receives only its own rows. */
    private static void fold(ConvGeometry g, float[] columns, int r0, int r1, float[] image, int offset, boolean parallel) {
        int perChannel = g.kernelH() * g.kernelW() * (r1 - r0) * g.outW();
        if (!parallel || (long) perChannel * g.channels() < UNROLL_GRAIN || g.channels() == 1) {
            Im2col.col2im(g, columns, 0, r0, r1, image, offset);
            return;
        }
        Parallel.forRange(g.channels(), Math.max(1, UNROLL_GRAIN / 2 / perChannel), (c0, c1) ->
                Im2col.col2im(g.withChannels(c1 - c0), columns, c0 * perChannel, r0, r1, image,
                        offset + c0 * g.height() * g.width()));
    }

    /** Runs body over all images: one range with parallel unrolling, or ranges of images in parallel. */
    private static void forImages(Problem p, ImageRange body) {
        int chunks = imageChunks(p);
        if (chunks == 1) {
            body.run(0, p.images(), true);
        } else {
            Parallel.forEachChunk(chunks, chunk ->
                    body.run(from(p.images(), chunk, chunks), from(p.images(), chunk + 1, chunks), false));
        }
    }

    private static int imageChunks(Problem p) {
        // a whole batch below one image's worth of GEMM is cheaper on one thread than handed to the pool
        if (p.imageVolume() >= IMAGE_PARALLEL_VOLUME || p.imageVolume() * p.images() < IMAGE_PARALLEL_VOLUME / 16) return 1;
        return Math.max(1, Math.min(Parallel.threads(), p.images()));
    }

    /** The first of the images [0, images) that chunk of chunks contiguous, even ranges starts at. */
    static int from(int images, int chunk, int chunks) {
        return (int) ((long) images * chunk / chunks);
    }

    /** This thread's column buffer with at least {@code size} floats. */
    private static float[] columns(int size) {
        return buffer(COLUMNS, size);
    }

    /** This thread's buffer of {@code holder}, grown to at least {@code size} floats and kept for its next call. */
    static float[] buffer(ThreadLocal<float[][]> holder, int size) {
        float[][] slot = holder.get();
        if (slot[0].length < size) slot[0] = new float[size];
        return slot[0];
    }

    @FunctionalInterface
    private interface ImageRange {
        void run(int from, int to, boolean parallelUnroll);
    }
}
