package fovea.data;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * Cuts a dataset into minibatches, as PyTorch's DataLoader: features stacked to [B, ...], labels [B], a seeded
 * shuffle each epoch, an optional drop of the last short batch, per-example augmentation for training, and the
 * next batch prepared on a background thread while the caller trains on the current one.
 *
 * <p>Everything random is a function of (seed, epoch, batch index): epoch e's order and the augmentation of its
 * batch b are the same in every run, so training resumed at {@code epoch(e, b)} sees exactly the batches an
 * uninterrupted run would have seen, whatever the thread timing.
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, DataLoader.Config.training(64, 42), new RandomCrop(28, 2));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     try (BatchIterator batches = loader.epoch(epoch)) {
 *         while (batches.hasNext()) step(batches.next());
 *     }
 * }
 * }</pre>
 */
public final class DataLoader implements BatchSource<Batch> {
    /** The settings: batch size, whether to shuffle each epoch, whether to drop the last short batch, the seed. */
    public record Config(int batchSize, boolean shuffle, boolean dropLast, long seed) {
        /** Checks the batch size. */
        public Config {
            if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batchSize must be >= 1; got " + batchSize);
        }

        /** For training: shuffled with {@code seed}, the last short batch kept. */
        public static Config training(int batchSize, long seed) {
            return new Config(batchSize, true, false, seed);
        }

        /** For evaluation: the dataset's order, every example once. */
        public static Config evaluation(int batchSize) {
            return new Config(batchSize, false, false, 0);
        }

        /** The same settings with dropLast set to {@code value}. */
        public Config withDropLast(boolean value) {
            return new Config(batchSize, shuffle, value, seed);
        }
    }

    private static final long SHUFFLE_STREAM = 1;
    private static final long AUGMENT_STREAM = 2;

    private final Dataset<Example> dataset;
    private final Config config;
    private final Transform augmentation;

    /** Batches of {@code dataset} without augmentation. */
    public DataLoader(Dataset<Example> dataset, Config config) {
        this(dataset, config, Transform.identity());
    }

    /** Batches of {@code dataset} with {@code augmentation} applied to each example (for a training set). */
    public DataLoader(Dataset<Example> dataset, Config config, Transform augmentation) {
        if (dataset.size() == 0) throw new IllegalArgumentException("DataLoader: the dataset is empty");
        this.dataset = dataset;
        this.config = config;
        this.augmentation = augmentation;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** The number of batches in one epoch: ceil(N / B), or floor(N / B) with dropLast. */
    @Override public int batchCount() {
        int n = dataset.size();
        return config.dropLast() ? n / config.batchSize() : (n + config.batchSize() - 1) / config.batchSize();
    }

    /** The order in which epoch {@code epoch} visits the examples: a permutation derived from (seed, epoch). */
    public int[] order(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("DataLoader.order: epoch must be >= 0; got " + epoch);
        if (!config.shuffle()) {
            int[] order = new int[dataset.size()];
            Arrays.setAll(order, i -> i);
            return order;
        }
        return Split.permutation(dataset.size(), new Generator(derive(config.seed(), SHUFFLE_STREAM, epoch)));
    }

    /** The batches of epoch {@code epoch}, prepared one ahead on a daemon thread that ends when the iterator closes. */
    public BatchIterator epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of epoch {@code epoch} from batch {@code firstBatch} on: how training resumes mid-epoch. */
    @Override public BatchIterator epoch(int epoch, int firstBatch) {
        return epoch(epoch, firstBatch, task -> {
            Thread thread = new Thread(task, "fovea-data-prefetch");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** As {@link #epoch(int, int)}, with the prefetch task run by the caller's {@code executor} instead. */
    public BatchIterator epoch(int epoch, int firstBatch, Executor executor) {
        if (firstBatch < 0 || firstBatch > batchCount()) {
            throw new IllegalArgumentException("DataLoader.epoch: firstBatch must be in 0.." + batchCount() + "; got "
                    + firstBatch);
        }
        return new BatchIterator(this, epoch, order(epoch), firstBatch, executor);
    }

    /** Batch {@code index} of an epoch whose order is {@code order}; called on the prefetch thread. */
    Batch batch(int epoch, int[] order, int index) {
        int from = index * config.batchSize();
        int count = Math.min(config.batchSize(), order.length - from);
        Generator random = new Generator(derive(derive(config.seed(), AUGMENT_STREAM, epoch), index, 0));
        float[] labels = new float[count];
        float[] values = null;
        int[] dims = null;
        for (int i = 0; i < count; i++) {
            Example example = dataset.get(order[from + i]);
            Tensor features = augmentation.apply(example.features(), random);
            if (dims == null) {
                dims = features.shape().dims();
                values = new float[Math.multiplyExact(count, features.numel())];
            } else if (!Arrays.equals(dims, features.shape().dims())) {
                throw new IllegalArgumentException("DataLoader: example " + order[from + i] + " has shape "
                        + features.shape() + "; expected " + Arrays.toString(dims) + " like example " + order[from]);
            }
            System.arraycopy(features.toArray(), 0, values, i * features.numel(), features.numel());
            labels[i] = example.label();
        }
        int[] batchDims = new int[dims.length + 1];
        batchDims[0] = count;
        System.arraycopy(dims, 0, batchDims, 1, dims.length);
        return new Batch(Tensor.of(values, batchDims), Tensor.of(labels, count));
    }

    /** A seed for one stream of numbers, mixed from a parent seed and two coordinates by SplitMix64's finalizer. */
    static long derive(long seed, long a, long b) {
        long z = seed;
        for (long part : new long[] {a, b}) {
            z += 0x9E3779B97F4A7C15L + part;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
        }
        return z;
    }

    @Override public String toString() {
        return "DataLoader(size=" + dataset.size() + ", " + config + ")";
    }
}
