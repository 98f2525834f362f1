package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool runs every chunk exactly once, job after job, and survives failures, nesting and rival callers. */
class ParallelTest {
    private final int previous = Parallel.threads();

    @AfterEach void restore() {
        Parallel.setThreads(previous);
    }

    @Test void everyChunkOnceAcrossManyQuickJobs() {
        Parallel.setThreads(3);
        for (int job = 0; job < 20_000; job++) {
            int chunks = 1 + job % 7;
            AtomicIntegerArray hits = new AtomicIntegerArray(chunks);
            Parallel.forEachChunk(chunks, hits::incrementAndGet);
            for (int c = 0; c < chunks; c++) assertEquals(1, hits.get(c), "job " + job + " chunk " + c);
        }
    }

    @Test void aFailureIsRethrownAndThePoolStillWorks() {
        Parallel.setThreads(2);
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Parallel.forEachChunk(4, c -> {
            if (c == 3) throw boom;
        })));
        AtomicInteger count = new AtomicInteger();
        Parallel.forEachChunk(4, c -> count.incrementAndGet());
        assertEquals(4, count.get());
    }

    @Test void nestedCallsRunInline() {
        Parallel.setThreads(2);
        AtomicInteger count = new AtomicInteger();
        Parallel.forEachChunk(3, outer -> Parallel.forEachChunk(5, inner -> count.incrementAndGet()));
        assertEquals(15, count.get());
    }

    @Test void rivalCallersBothFinish() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger count = new AtomicInteger();
        Thread other = new Thread(() -> {
            for (int i = 0; i < 2000; i++) Parallel.forEachChunk(4, c -> count.incrementAndGet());
        });
        other.start();
        for (int i = 0; i < 2000; i++) Parallel.forEachChunk(4, c -> count.incrementAndGet());
        other.join();
        assertEquals(16_000, count.get());
    }
}
