package fovea.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The labelled loader's numbers are pinned: these fingerprints were taken from the loader before it became generic,
 * so the same seed must keep giving bit for bit the same orders, batches and augmentations (trained weights depend
 * on them).
 */
class DataLoaderNumbersTest {
    /** 37 random images [3, 6, 6] from a fixed seed, labelled i % 5. */
    private static TensorDataset images() {
        Generator random = new Generator(11);
        float[] values = new float[37 * 3 * 6 * 6];
        for (int i = 0; i < values.length; i++) values[i] = random.nextFloat();
        float[] labels = new float[37];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 5;
        return new TensorDataset(Tensor.of(values, 37, 3, 6, 6), Tensor.of(labels, 37));
    }

    private static Transform augmentation() {
        return new RandomCrop(6, 1).andThen(new HorizontalFlip(0.5)).andThen(new RandomAffine(10, 0.1))
                .andThen(new ColorJitter(0.2, 0.2, 0.2));
    }

    /** A hash of every bit of every batch of the epoch from {@code firstBatch} on, and of the epoch's order. */
    private static long fingerprint(DataLoader<Batch> loader, int epoch, int firstBatch) {
        long hash = 17;
        for (int index : loader.order(epoch)) hash = hash * 31 + index;
        try (BatchIterator<Batch> batches = loader.epoch(epoch, firstBatch)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                for (float value : batch.features().toArray()) hash = hash * 31 + Float.floatToRawIntBits(value);
                for (float value : batch.labels().toArray()) hash = hash * 31 + Float.floatToRawIntBits(value);
                for (int dim : batch.features().shape().dims()) hash = hash * 31 + dim;
            }
        }
        return hash;
    }

    @Test void theSameSeedGivesTheSameBitsAsBefore() {
        DataLoader<Batch> augmented = DataLoader.of(images(), DataLoader.Config.training(8, 42), augmentation());
        DataLoader<Batch> plain = DataLoader.of(images(), DataLoader.Config.training(8, 42).withDropLast(true));
        DataLoader<Batch> evaluation = DataLoader.of(images(), DataLoader.Config.evaluation(10));
        assertEquals(8682191822593509132L, fingerprint(augmented, 0, 0));
        assertEquals(-4077761048266607370L, fingerprint(augmented, 3, 0));
        assertEquals(8905067768007127888L, fingerprint(augmented, 3, 2), "resumed mid-epoch");
        assertEquals(-6472212791863046581L, fingerprint(plain, 1, 0));
        assertEquals(-7787830182266936602L, fingerprint(evaluation, 0, 0));
    }
}
