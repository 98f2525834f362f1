package fovea.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import fovea.kernel.Parallel;
import fovea.kernel.ThreadPool;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The prefetch thread prepares batches on the thread pool of the caller that opened the epoch. */
class PrefetchPoolTest {
    @Test void augmentationRunsOnTheCallersPool() {
        Set<ThreadPool> seen = ConcurrentHashMap.newKeySet();
        Transform recording = (features, random) -> {
            seen.add(Parallel.current());
            return features;
        };
        DataLoader<Batch> loader = DataLoader.of(DataLoaderTest.numbered(6), DataLoader.Config.training(2, 5), recording);
        try (ThreadPool pool = Parallel.create(2); ThreadPool.Scope ignored = pool.activate()) {
            try (BatchIterator<Batch> batches = loader.epoch(0)) {
                batches.forEachRemaining(batch -> { });
            }
            assertEquals(Set.of(pool), seen);
        }
        seen.clear();
        try (BatchIterator<Batch> batches = loader.epoch(1)) {
            batches.forEachRemaining(batch -> { });
        }
        assertEquals(Set.of(Parallel.defaultPool()), seen);
        assertSame(Parallel.defaultPool(), Parallel.current());
    }
}
