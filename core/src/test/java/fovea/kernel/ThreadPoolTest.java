package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pools with their own thread budgets: two run their jobs at the same time, each on its own threads; nested calls
 * run inline; close ends the workers; a scope restores the pool before it; the default pool is what it was.
 */
class ThreadPoolTest {
    /** Long enough for a loaded machine, short enough that a pool that serializes fails instead of hanging. */
    private static final long TIMEOUT_SECONDS = 30;
    private final int previous = Parallel.threads();

    @AfterEach void restore() {
        Parallel.setThreads(previous);
        assertSame(Parallel.defaultPool(), Parallel.current(), "a test left a scope open");
    }

    /** Chunk threads and the thread count each chunk saw. */
    private record Seen(Set<Thread> threads, Set<Integer> counts) {
        Seen() {
            this(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        }

        void record() {
            threads.add(Thread.currentThread());
            counts.add(Parallel.threads());
        }
    }

    @Test void twoPoolsRunTheirJobsAtTheSameTimeEachOnItsOwnBudget() throws Exception {
        Parallel.setThreads(1);                         // the default would run every chunk on its caller
        // All 2 + 3 chunks wait for each other: the jobs finish only if both run at once, each on its own threads.
        CountDownLatch allInside = new CountDownLatch(5);
        try (ThreadPool two = Parallel.create(2); ThreadPool three = Parallel.create(3)) {
            FutureTask<Seen> first = onNewThread(() -> inScope(two, () -> waitingJob(2, allInside)));
            FutureTask<Seen> second = onNewThread(() -> inScope(three, () -> waitingJob(3, allInside)));
            Seen a = first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Seen b = second.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(Set.of(2), a.counts(), "threads() inside the 2-thread pool's chunks, its worker's included");
            assertEquals(Set.of(3), b.counts(), "threads() inside the 3-thread pool's chunks");
            assertEquals(2, a.threads().size());
            assertEquals(3, b.threads().size());
            assertEquals(1, workersOf(two, a.threads()), "the caller and one worker of its own pool");
            assertEquals(2, workersOf(three, b.threads()), "the caller and two workers of its own pool");
            assertEquals(1, Parallel.threads(), "the default pool's count is untouched");
        }
    }

    @Test void poolsOfOneThreadDoNotSerialize() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        try (ThreadPool one = Parallel.create(1); ThreadPool other = Parallel.create(1)) {
            FutureTask<Seen> first = onNewThread(() -> inScope(one, () -> waitingJob(1, bothInside)));
            FutureTask<Seen> second = onNewThread(() -> inScope(other, () -> waitingJob(1, bothInside)));
            assertEquals(Set.of(1), first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).counts());
            assertEquals(Set.of(1), second.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).counts());
        }
    }

    /**
     * Two GEMMs large enough to split, run over and over on two threads with pools of 2 and 1 threads, overlap in
     * time, use their own pools' workers, and give the bits of the default pool's single-threaded product.
     */
    @Test void concurrentGemmsOnSeparatePoolsMatchTheDefaultPoolBitForBit() throws Exception {
        int m = 300, n = 280, k = 260;                  // 21.8 million multiply-adds: split over the threads
        float[] a = random(m * k, 1), b = random(k * n, 2);
        Parallel.setThreads(1);
        float[] expected = gemm(a, b, m, n, k);
        AtomicInteger[] done = {new AtomicInteger(), new AtomicInteger()};
        List<long[]> intervals = Collections.synchronizedList(new ArrayList<>());
        try (ThreadPool two = Parallel.create(2); ThreadPool one = Parallel.create(1)) {
            List<FutureTask<float[]>> runs = new ArrayList<>();
            ThreadPool[] pools = {two, one};
            for (int side = 0; side < 2; side++) {
                int self = side;
                runs.add(onNewThread(() -> inScope(pools[self], () -> {
                    float[] last = null;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                    // until both sides have done a few, so that each side's products run while the other's do
                    while ((done[self].get() < 3 || done[1 - self].get() < 3) && System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        last = gemm(a, b, m, n, k);
                        intervals.add(new long[] {self, start, System.nanoTime()});
                        assertArrayEquals(expected, last, "pool " + pools[self] + ", product " + done[self].get());
                        done[self].incrementAndGet();
                    }
                    return last;
                })));
            }
            for (FutureTask<float[]> run : runs) {
                assertArrayEquals(expected, run.get(2 * TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            assertTrue(done[0].get() >= 3 && done[1].get() >= 3, "both sides finished their products in time");
            assertTrue(overlap(intervals), "some product of one pool ran while one of the other did");
            assertEquals(1, liveWorkers(two), "the 2-thread pool's GEMMs started its one worker");
            assertEquals(0, liveWorkers(one), "a 1-thread pool starts no thread");
        }
    }

    @Test void poolsOfTheSameSizeSplitWorkAlike() {
        Parallel.setThreads(3);
        Set<List<Integer>> onDefault = ranges();
        try (ThreadPool three = Parallel.create(3); ThreadPool.Scope ignored = three.activate()) {
            assertEquals(onDefault, ranges());
        }
        assertEquals(3, onDefault.size());
    }

    @Test void nestedCallsFromWorkersRunInlineOnTheirThread() throws Exception {
        CountDownLatch bothOuter = new CountDownLatch(2);  // one outer chunk on the caller, one on the worker
        AtomicInteger inner = new AtomicInteger();
        int m = 200, n = 200, k = 200;
        float[] a = random(m * k, 3), b = random(k * n, 4);
        float[] expected = gemm(a, b, m, n, k);
        try (ThreadPool pool = Parallel.create(2); ThreadPool other = Parallel.create(2);
             ThreadPool.Scope ignored = pool.activate()) {
            Parallel.forEachChunk(2, outer -> {
                meet(bothOuter);
                Thread self = Thread.currentThread();
                Parallel.forEachChunk(4, c -> {
                    assertSame(self, Thread.currentThread(), "a nested call on the current pool runs inline");
                    inner.incrementAndGet();
                });
                other.forEachChunk(3, c -> {
                    assertSame(self, Thread.currentThread(), "a nested call on another pool runs inline too");
                    inner.incrementAndGet();
                });
                assertArrayEquals(expected, gemm(a, b, m, n, k), "a GEMM inside a chunk, chunk " + outer);
            });
            assertEquals(0, liveWorkers(other), "the nested calls never woke the other pool");
        }
        assertEquals(2 * (4 + 3), inner.get());
    }

    @Test void closeEndsTheWorkersAndLaterCallsFail() throws Exception {
        ThreadPool pool = Parallel.create(3);
        assertEquals(0, liveWorkers(pool), "no thread before the first job");
        Seen seen = inScope(pool, () -> waitingJob(3, new CountDownLatch(3)));
        List<Thread> workers = seen.threads().stream().filter(t -> t != Thread.currentThread()).toList();
        assertEquals(2, workers.size());
        for (Thread worker : workers) assertTrue(worker.isDaemon() && worker.isAlive(), worker.getName());
        pool.close();
        for (Thread worker : workers) assertFalse(worker.isAlive(), worker.getName() + " outlived close()");
        assertTrue(pool.isClosed());
        assertThrows(IllegalStateException.class, () -> pool.forEachChunk(2, c -> { }));
        assertThrows(IllegalStateException.class, () -> pool.forRange(10, 1, (from, to) -> { }));
        assertThrows(IllegalStateException.class, pool::activate);
        pool.close();                                   // a second close does nothing
    }

    @Test void closeWaitsForTheRunningJob() throws Exception {
        ThreadPool pool = Parallel.create(2);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        FutureTask<Seen> job = onNewThread(() -> inScope(pool, () -> {
            Seen seen = new Seen();
            Parallel.forEachChunk(2, c -> {
                seen.record();
                inside.countDown();
                await(release);
                finished.incrementAndGet();
            });
            return seen;
        }));
        await(inside);
        FutureTask<Integer> closing = onNewThread(() -> {
            pool.close();
            return finished.get();
        });
        Thread.sleep(100);
        assertFalse(closing.isDone(), "close() returned while a job was running");
        release.countDown();
        assertEquals(2, closing.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "close() returned after both chunks");
        for (Thread thread : job.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).threads()) {
            if (thread.getName().startsWith(pool.name() + "-worker-")) assertFalse(thread.isAlive());
        }
    }

    @Test void closeFromInsideItsOwnJobFails() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        AtomicInteger refused = new AtomicInteger();
        try (ThreadPool pool = Parallel.create(2)) {
            pool.forEachChunk(2, c -> {
                meet(both);                             // so that one chunk runs on the worker
                assertThrows(IllegalStateException.class, pool::close);
                refused.incrementAndGet();
            });
            assertFalse(pool.isClosed());
        }
        assertEquals(2, refused.get());
    }

    @Test void aFailureInAPoolsJobIsRethrownAndThePoolStillWorks() {
        try (ThreadPool pool = Parallel.create(2)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> pool.forEachChunk(4, c -> {
                if (c == 1) throw boom;
            })));
            AtomicInteger count = new AtomicInteger();
            pool.forEachChunk(4, c -> count.incrementAndGet());
            assertEquals(4, count.get());
        }
    }

    @Test void theDefaultPoolIsWhatCodeWithoutAScopeUses() throws Exception {
        ThreadPool shared = Parallel.defaultPool();
        assertSame(shared, Parallel.current());
        Parallel.setThreads(3);
        assertEquals(3, Parallel.threads());
        assertEquals(3, shared.threads());
        try (ThreadPool pool = Parallel.create(2); ThreadPool.Scope ignored = pool.activate()) {
            assertSame(pool, Parallel.current());
            assertEquals(2, Parallel.threads());
            assertEquals(3, onNewThread(Parallel::threads).get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "another thread without a scope uses the default pool");
            Parallel.setThreads(4);                     // the default's, not the activated pool's
            assertEquals(2, Parallel.threads());
        }
        assertSame(shared, Parallel.current());
        assertEquals(4, Parallel.threads());
        Seen seen = waitingJob(2, new CountDownLatch(2));
        assertEquals(Set.of(4), seen.counts(), "default workers see the default's count");
        assertTrue(seen.threads().stream().anyMatch(t -> t.getName().startsWith("fovea-worker-")));
        assertThrows(IllegalStateException.class, shared::close);
        assertThrows(IllegalArgumentException.class, () -> Parallel.create(0));
    }

    @Test void aScopeIsRestoredAfterAnException() {
        try (ThreadPool outer = Parallel.create(2); ThreadPool inner = Parallel.create(3)) {
            assertThrows(IllegalStateException.class, () -> {
                try (ThreadPool.Scope ignored = outer.activate()) {
                    throw new IllegalStateException("training failed");
                }
            });
            assertSame(Parallel.defaultPool(), Parallel.current());
            try (ThreadPool.Scope first = outer.activate()) {
                assertSame(outer, first.pool());
                assertThrows(ArithmeticException.class, () -> {
                    try (ThreadPool.Scope second = inner.activate()) {
                        assertSame(inner, Parallel.current());
                        Parallel.forEachChunk(3, c -> {
                            if (c == 2) throw new ArithmeticException("in a chunk");
                        });
                    }
                });
                assertSame(outer, Parallel.current(), "the inner scope restored the outer pool");
            }
            assertSame(Parallel.defaultPool(), Parallel.current());
        }
    }

    @Test void scopesCloseInnermostFirstOnTheirOwnThread() throws Exception {
        try (ThreadPool pool = Parallel.create(2); ThreadPool other = Parallel.create(2)) {
            ThreadPool.Scope first = pool.activate();
            ThreadPool.Scope second = other.activate();
            assertThrows(IllegalStateException.class, first::close, "closed out of order");
            assertSame(other, Parallel.current());
            AtomicReference<Throwable> elsewhere = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    second.close();
                } catch (Throwable t) {
                    elsewhere.set(t);
                }
            });
            thread.start();
            thread.join();
            assertTrue(elsewhere.get() instanceof IllegalStateException,
                    "closed on another thread: " + elsewhere.get());
            second.close();
            second.close();                             // a second close does nothing
            assertSame(pool, Parallel.current());
            first.close();
            assertSame(Parallel.defaultPool(), Parallel.current());
        }
    }

    @Test void wrapHandsThePoolToAnotherThread() throws Exception {
        try (ThreadPool pool = Parallel.create(2)) {
            AtomicReference<ThreadPool> seen = new AtomicReference<>();
            Thread thread = new Thread(pool.wrap(() -> seen.set(Parallel.current())));
            thread.start();
            thread.join();
            assertSame(pool, seen.get());
            assertNotSame(pool, onNewThread(Parallel::current).get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "a plain new thread does not inherit a pool");
        }
    }

    /** A job of {@code chunks} chunks on the current pool, each waiting at {@code latch} for the others. */
    private static Seen waitingJob(int chunks, CountDownLatch latch) {
        Seen seen = new Seen();
        Parallel.forEachChunk(chunks, c -> {
            seen.record();
            meet(latch);
        });
        return seen;
    }

    /** Arrives at the latch and waits for the others. */
    private static void meet(CountDownLatch latch) {
        latch.countDown();
        await(latch);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "timed out at a latch: the threads meant to be inside at once were not");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T inScope(ThreadPool pool, Callable<T> body) throws Exception {
        try (ThreadPool.Scope ignored = pool.activate()) {
            return body.call();
        }
    }

    private static <T> FutureTask<T> onNewThread(Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread thread = new Thread(task, "test-caller");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static long workersOf(ThreadPool pool, Set<Thread> threads) {
        return threads.stream().filter(t -> t.getName().startsWith(pool.name() + "-worker-")).count();
    }

    private static long liveWorkers(ThreadPool pool) {
        return workersOf(pool, Thread.getAllStackTraces().keySet());
    }

    private static boolean overlap(List<long[]> intervals) {
        synchronized (intervals) {
            for (long[] x : intervals) {
                for (long[] y : intervals) {
                    if (x[0] == 0 && y[0] == 1 && x[1] < y[2] && y[1] < x[2]) return true;
                }
            }
        }
        return false;
    }

    /** The ranges forRange makes of [0, 1000) on the current pool. */
    private static Set<List<Integer>> ranges() {
        Set<List<Integer>> ranges = ConcurrentHashMap.newKeySet();
        Parallel.forRange(1000, 7, (from, to) -> ranges.add(List.of(from, to)));
        return ranges;
    }

    private static float[] gemm(float[] a, float[] b, int m, int n, int k) {
        float[] c = new float[m * n];
        Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) values[i] = (float) random.nextDouble(-1, 1);
        return values;
    }
}
