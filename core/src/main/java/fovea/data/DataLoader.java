package fovea.data;

import fovea.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Cuts a dataset into minibatches, as PyTorch's DataLoader: a sampler picks each epoch's examples (the dataset's
 * order, a seeded shuffle, draws with replacement or weighted), an optional drop of the last short batch, a
 * per-example transform for training, a collate step that turns the examples of one batch into the batch (labelled
 * images: features stacked to [B, ...] and labels [B]), and the next batch prepared on a background thread while
 * the caller trains on the current one.
 *
 * <p>Everything random is a function of (seed, epoch, batch index): epoch e's indices and the transform of its
 * batch b are the same in every run, so training resumed at {@code epoch(e, b)} sees exactly the batches an
 * uninterrupted run would have seen, whatever the thread timing.
 * <pre>{@code
 * DataLoader<Batch> loader = DataLoader.of(train, DataLoader.Config.training(64, 42), new RandomCrop(28, 2));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     try (BatchIterator<Batch> batches = loader.epoch(epoch)) {
 *         while (batches.hasNext()) step(batches.next());
 *     }
 * }
 * // any example type, with its own collate step:
 * DataLoader<AnnotatedBatch> scenes = DataLoader.of(annotated, DataLoader.Config.training(8, 42),
 *         JointTransforms.horizontalFlip(0.5), AnnotatedBatch::collate);
 * }</pre>
 *
 * @param <B> the batch type, what the collate step makes of a list of examples
 */
public final class DataLoader<B> implements BatchSource<B> {
    /** The settings: batch size, which examples each epoch visits, whether to drop the last short batch, the seed. */
    public record Config(int batchSize, Sampler sampler, boolean dropLast, long seed) {
        /** Checks the batch size and the sampler. */
        public Config {
            if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batchSize must be >= 1; got " + batchSize);
            if (sampler == null) throw new IllegalArgumentException("DataLoader: sampler must not be null");
        }

        /** For training: shuffled with {@code seed}, the last short batch kept. */
        public static Config training(int batchSize, long seed) {
            return new Config(batchSize, Sampler.shuffled(), false, seed);
        }

        /** For evaluation: the dataset's order, every example once. */
        public static Config evaluation(int batchSize) {
            return new Config(batchSize, Sampler.sequential(), false, 0);
        }

        /** The same settings with dropLast set to {@code value}. */
        public Config withDropLast(boolean value) {
            return new Config(batchSize, sampler, value, seed);
        }

        /** The same settings with {@code value} choosing each epoch's examples. */
        public Config withSampler(Sampler value) {
            return new Config(batchSize, value, dropLast, seed);
        }
    }

    /** Makes the batch of the examples at {@code indices}, drawing from {@code random}. */
    private interface Assembly<B> {
        B batch(int[] indices, RandomGenerator random);
    }

    private static final long SHUFFLE_STREAM = 1;
    private static final long AUGMENT_STREAM = 2;

    private final int size;
    private final int length;
    private final Config config;
    private final Assembly<B> assembly;

    private DataLoader(int size, Config config, Assembly<B> assembly) {
        if (size == 0) throw new IllegalArgumentException("DataLoader: the dataset is empty");
        this.size = size;
        this.length = config.sampler().length(size);
        this.config = config;
        this.assembly = assembly;
    }

    /** Batches of labelled examples without augmentation: features [B, ...] and labels [B]. */
    public static DataLoader<Batch> of(Dataset<Example> dataset, Config config) {
        return of(dataset, config, Transform.identity());
    }

    /** Batches of labelled examples with {@code augmentation} applied to each example's features (for a training set). */
    public static DataLoader<Batch> of(Dataset<Example> dataset, Config config, Transform augmentation) {
        return of(dataset, config, ExampleTransform.features(augmentation), Batch::collate);
    }

    /**
     * Batches of any examples: {@code transform} applied to each example, in batch order, then {@code collate} turning
     * the list of one batch's examples into the batch.
     */
    public static <E, B> DataLoader<B> of(Dataset<E> dataset, Config config, ExampleTransform<E> transform,
            Function<List<E>, B> collate) {
        return new DataLoader<>(dataset.size(), config, (indices, random) -> {
            List<E> examples = new ArrayList<>(indices.length);
            for (int index : indices) examples.add(transform.apply(dataset.get(index), random));
            B batch = collate.apply(Collections.unmodifiableList(examples));
            if (batch == null) throw new IllegalStateException("DataLoader: the collate step returned null");
            return batch;
        });
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** The number of batches in one epoch: ceil(N / B), or floor(N / B) with dropLast, N the sampler's length. */
    @Override public int batchCount() {
        int n = length;
        return config.dropLast() ? n / config.batchSize() : (n + config.batchSize() - 1) / config.batchSize();
    }

    /** The dataset positions epoch {@code epoch} visits, in order: the sampler's, from a generator derived from (seed, epoch). */
    public int[] order(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("DataLoader.order: epoch must be >= 0; got " + epoch);
        int[] indices = config.sampler().indices(size, new Generator(derive(config.seed(), SHUFFLE_STREAM, epoch)));
        if (indices.length != length) {
            throw new IllegalStateException("DataLoader: " + config.sampler() + " gave " + indices.length
                    + " indices; expected " + length);
        }
        return indices;
    }

    /** The batches of epoch {@code epoch}, prepared one ahead on a daemon thread that ends when the iterator closes. */
    public BatchIterator<B> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of epoch {@code epoch} from batch {@code firstBatch} on: how training resumes mid-epoch. */
    @Override public BatchIterator<B> epoch(int epoch, int firstBatch) {
        return epoch(epoch, firstBatch, task -> {
            Thread thread = new Thread(task, "fovea-data-prefetch");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** As {@link #epoch(int, int)}, with the prefetch task run by the caller's {@code executor} instead. */
    public BatchIterator<B> epoch(int epoch, int firstBatch, Executor executor) {
        if (firstBatch < 0 || firstBatch > batchCount()) {
            throw new IllegalArgumentException("DataLoader.epoch: firstBatch must be in 0.." + batchCount() + "; got "
                    + firstBatch);
        }
        return new BatchIterator<>(this, epoch, order(epoch), firstBatch, executor);
    }

    /** Batch {@code index} of an epoch whose order is {@code order}; called on the prefetch thread. */
    B batch(int epoch, int[] order, int index) {
        int from = index * config.batchSize();
        int count = Math.min(config.batchSize(), order.length - from);
        Generator random = new Generator(derive(derive(config.seed(), AUGMENT_STREAM, epoch), index, 0));
        return assembly.batch(Arrays.copyOfRange(order, from, from + count), random);
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
        return "DataLoader(size=" + size + ", " + config + ")";
    }
}
