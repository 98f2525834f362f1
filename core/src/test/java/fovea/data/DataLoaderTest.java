package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Batching, seeded shuffles that resume mid-epoch, drop-last, augmentation, and prefetch threads that end. */
class DataLoaderTest {
    /** Example i is a 1x2x2 image filled with i, labelled i % 3. */
    static TensorDataset numbered(int n) {
        float[] features = new float[n * 4];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(features, i * 4, i * 4 + 4, i);
            labels[i] = i % 3;
        }
        return new TensorDataset(Tensor.of(features, n, 1, 2, 2), Tensor.of(labels, n));
    }

    private static List<Batch> all(DataLoader<Batch> loader, int epoch, int firstBatch) {
        List<Batch> batches = new ArrayList<>();
        try (BatchIterator<Batch> iterator = loader.epoch(epoch, firstBatch)) {
            iterator.forEachRemaining(batches::add);
        }
        return batches;
    }

    /** The example indices of a batch, read back from the pixel values. */
    private static int[] ids(Batch batch) {
        float[] values = batch.features().toArray();
        int[] ids = new int[batch.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = (int) values[i * 4];
        return ids;
    }

    @Test void stacksInOrderWithAShortLastBatch() {
        List<Batch> batches = all(DataLoader.of(numbered(10), DataLoader.Config.evaluation(4)), 0, 0);
        assertEquals(3, batches.size());
        assertEquals("[4, 1, 2, 2]", batches.get(0).features().shape().toString());
        assertEquals("[2, 1, 2, 2]", batches.get(2).features().shape().toString());
        assertArrayEquals(new int[] {4, 5, 6, 7}, ids(batches.get(1)));
        assertArrayEquals(new float[] {1, 2, 0, 1}, batches.get(1).labels().toArray());
    }

    @Test void dropLastDropsTheShortBatch() {
        DataLoader<Batch> loader = DataLoader.of(numbered(10), DataLoader.Config.training(4, 1).withDropLast(true));
        assertEquals(2, loader.batchCount());
        assertEquals(2, all(loader, 0, 0).size());
    }

    @Test void shuffleIsAPermutationFixedBySeedAndEpoch() {
        DataLoader<Batch> loader = DataLoader.of(numbered(50), DataLoader.Config.training(8, 7));
        int[] epoch0 = loader.order(0);
        assertArrayEquals(epoch0, DataLoader.of(numbered(50), DataLoader.Config.training(8, 7)).order(0));
        assertFalse(Arrays.equals(epoch0, loader.order(1)), "each epoch has its own order");
        assertFalse(Arrays.equals(epoch0, DataLoader.of(numbered(50), DataLoader.Config.training(8, 8)).order(0)));
        int[] sorted = epoch0.clone();
        Arrays.sort(sorted);
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
        int[] seen = all(loader, 0, 0).stream().flatMapToInt(b -> Arrays.stream(ids(b))).toArray();
        assertArrayEquals(epoch0, seen);
    }

    @Test void resumingMidEpochGivesTheSameBatchesAugmentationIncluded() {
        Transform noise = (features, random) -> features.add(random.nextFloat());
        DataLoader<Batch> loader = DataLoader.of(numbered(30), DataLoader.Config.training(4, 3), noise);
        List<Batch> full = all(loader, 2, 0);
        List<Batch> resumed = all(DataLoader.of(numbered(30), DataLoader.Config.training(4, 3), noise), 2, 5);
        assertEquals(full.size() - 5, resumed.size());
        for (int i = 0; i < resumed.size(); i++) {
            assertArrayEquals(full.get(i + 5).features().toArray(), resumed.get(i).features().toArray());
            assertArrayEquals(full.get(i + 5).labels().toArray(), resumed.get(i).labels().toArray());
        }
        float[] plain = all(DataLoader.of(numbered(30), DataLoader.Config.training(4, 3)), 2, 0).get(0).features().toArray();
        assertFalse(Arrays.equals(plain, full.get(0).features().toArray()), "the augmentation ran");
    }

    @Test void augmentationAppliesPerExample() {
        DataLoader<Batch> loader = DataLoader.of(numbered(6), DataLoader.Config.evaluation(6), new RandomCrop(1, 0));
        Batch batch = all(loader, 0, 0).get(0);
        assertEquals("[6, 1, 1, 1]", batch.features().shape().toString());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, batch.features().toArray());
    }

    @Test void aFailingExampleIsReportedOnTheCallersThread() throws InterruptedException {
        Transform broken = (features, random) -> {
            throw new IllegalArgumentException("broken transform");
        };
        try (BatchIterator<Batch> batches = DataLoader.of(numbered(4), DataLoader.Config.evaluation(2), broken).epoch(0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, batches::hasNext);
            assertEquals("DataLoader: preparing batch 0 of epoch 0 failed: broken transform", e.getMessage());
            assertFalse(batches.hasNext());
            assertThrows(NoSuchElementException.class, batches::next);
        }
        assertNoPrefetchThreads();
    }

    @Test void noThreadOutlivesAFinishedClosedOrAbandonedIteration() throws InterruptedException {
        DataLoader<Batch> loader = DataLoader.of(numbered(100), DataLoader.Config.training(2, 5));
        BatchIterator<Batch> finished = loader.epoch(0);
        while (finished.hasNext()) finished.next();
        assertNoPrefetchThreads();
        try (BatchIterator<Batch> closedEarly = loader.epoch(1)) {
            closedEarly.next();
        }
        assertNoPrefetchThreads();
        abandon(loader);
        for (int i = 0; i < 50 && prefetchThreads() > 0; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNoPrefetchThreads();
    }

    private static void abandon(DataLoader<Batch> loader) {
        loader.epoch(2).next(); // neither finished nor closed: the prefetch task notices when this is collected
    }

    @Test void runsOnTheCallersExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            DataLoader<Batch> loader = DataLoader.of(numbered(9), DataLoader.Config.training(3, 1));
            List<Batch> batches = new ArrayList<>();
            try (BatchIterator<Batch> iterator = loader.epoch(0, 0, executor)) {
                iterator.forEachRemaining(batches::add);
            }
            assertEquals(3, batches.size());
            try (BatchIterator<Batch> iterator = loader.epoch(1, 0, executor)) {
                assertTrue(iterator.hasNext());
            }
            assertEquals(3, all(loader, 1, 0).size(), "the executor's thread is free again after close");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test void rejectsBadSettings() {
        assertEquals("DataLoader: batchSize must be >= 1; got 0",
                assertThrows(IllegalArgumentException.class, () -> DataLoader.Config.training(0, 1)).getMessage());
        DataLoader<Batch> loader = DataLoader.of(numbered(10), DataLoader.Config.evaluation(4));
        assertEquals("DataLoader.epoch: firstBatch must be in 0..3; got 4",
                assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, 4)).getMessage());
    }

    private static long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fovea-data-prefetch") && t.isAlive()).count();
    }

    /** The thread ends once its task has returned: allow it a moment to exit (up to 5 s) before judging. */
    private static void assertNoPrefetchThreads() throws InterruptedException {
        for (int i = 0; i < 500 && prefetchThreads() > 0; i++) Thread.sleep(10);
        assertEquals(0, prefetchThreads(), "prefetch threads still alive after 5 s");
    }

    @Test void anyExampleTypeWithItsOwnCollateStepResumesExactly() {
        Dataset<String> words = new Dataset<>() {
            @Override public int size() {
                return 11;
            }

            @Override public String get(int index) {
                return "w" + index;
            }
        };
        ExampleTransform<String> tag = (word, random) -> word + ":" + random.nextInt(100);
        DataLoader.Config config = DataLoader.Config.training(3, 4);
        DataLoader<String> loader = DataLoader.of(words, config, tag, batch -> String.join(" ", batch));
        assertEquals(4, loader.batchCount());
        List<String> full = new ArrayList<>();
        try (BatchIterator<String> batches = loader.epoch(1)) {
            batches.forEachRemaining(full::add);
        }
        assertEquals(4, full.size());
        assertEquals(2, full.get(3).split(" ").length, "the short last batch: 11 = 3 + 3 + 3 + 2");
        int[] order = loader.order(1);
        assertTrue(full.get(0).startsWith("w" + order[0] + ":"), full.get(0));
        List<String> resumed = new ArrayList<>();
        try (BatchIterator<String> batches = DataLoader.of(words, config, tag, batch -> String.join(" ", batch)).epoch(1, 2)) {
            batches.forEachRemaining(resumed::add);
        }
        assertEquals(full.subList(2, 4), resumed);
    }

    @Test void aCollateStepThatReturnsNullIsReported() {
        DataLoader<Object> loader = DataLoader.of(numbered(4), DataLoader.Config.evaluation(2), ExampleTransform.identity(),
                batch -> null);
        try (BatchIterator<Object> batches = loader.epoch(0)) {
            assertEquals("DataLoader: preparing batch 0 of epoch 0 failed: DataLoader: the collate step returned null",
                    assertThrows(IllegalStateException.class, batches::hasNext).getMessage());
        }
    }

    @Test void examplesOfDifferentShapesCannotBeStacked() {
        Transform grow = (features, random) -> features.size(1) == 2 && features.get(0, 0, 0) == 1
                ? Tensor.zeros(1, 3, 3) : features;
        try (BatchIterator<Batch> batches = DataLoader.of(numbered(4), DataLoader.Config.evaluation(4), grow).epoch(0)) {
            assertEquals("DataLoader: preparing batch 0 of epoch 0 failed: Batch.collate: example 1 of the batch has shape "
                    + "[1, 3, 3]; expected [1, 2, 2] like example 0",
                    assertThrows(IllegalStateException.class, batches::hasNext).getMessage());
        }
    }
}
