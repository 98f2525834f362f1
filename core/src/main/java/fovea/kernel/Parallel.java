package fovea.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The one shared thread pool. Work is split into a fixed number of chunks that depend only on the problem size
 * and the thread count, never on timing, so parallel results are reproducible (which thread runs a chunk does
 * not matter: chunks write disjoint outputs).
 *
 * <p>Kernels hand out work many thousand times a second, so the hand-off must cost microseconds, not the
 * 40-120 µs of an executor's submit and join measured here: the workers are long-lived daemon threads that
 * spin briefly on a generation counter before they park, and the caller works on chunks too. One job runs at a
 * time; a call made while the pool is busy (from a worker, or from another thread such as a data prefetcher)
 * runs its chunks on the calling thread.
 *
 * <p>The thread count defaults to the number of available processors; override it with the system property
 * {@code fovea.threads} or {@link #setThreads(int)}. Pool threads are daemons: they never keep a JVM alive.
 */
public final class Parallel {
    /** How long an idle worker spins before parking: about the gap between two kernel calls of a training step. */
    private static final long SPIN_NANOS = 50_000;
    private static volatile int threads = initialThreads();
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static Worker[] workers = new Worker[0];

    /** The job being run, or the last one; its publication is the hand-off to the workers. */
    private static final Job IDLE = new Job(chunk -> { }, 0);
    private static volatile Job current = IDLE;

    private Parallel() {}

    private static int initialThreads() {
        int available = Runtime.getRuntime().availableProcessors();
        String property = System.getProperty("fovea.threads");
        if (property == null || property.isBlank()) return available;
        try {
            int value = Integer.parseInt(property.trim());
            if (value >= 1) return value;
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("fovea.threads: expected a whole number >= 1; got \"" + property + "\"");
    }

    /** The number of threads kernels may use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels may use (>= 1); takes effect for the next kernel call. */
    public static void setThreads(int count) {
        if (count < 1) throw new IllegalArgumentException("Parallel.setThreads: count must be >= 1; got " + count);
        threads = count;
    }

    /**
     * Runs {@code task.accept(chunk)} for chunk = 0 .. chunks-1 on up to {@link #threads()} threads, the caller
     * among them, and returns when all are done. An exception in any chunk is rethrown here.
     */
    public static void forEachChunk(int chunks, IntConsumer task) {
        if (chunks <= 1 || threads <= 1 || INSIDE.get() || !BUSY.tryLock()) {
            for (int c = 0; c < chunks; c++) task.accept(c);
            return;
        }
        Job job = new Job(task, chunks);
        try {
            INSIDE.set(Boolean.TRUE);
            int helpers = Math.min(threads, chunks) - 1;
            ensureWorkers(helpers);
            current = job;                                  // volatile write: publishes the job to the workers
            for (int w = 0; w < helpers; w++) LockSupport.unpark(workers[w].thread);
            job.work();
            awaitHelpers(job);
            current = IDLE;                                 // drop the finished job's task and what it holds
        } finally {
            INSIDE.set(Boolean.FALSE);
            BUSY.unlock();
        }
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException runtime) throw runtime;
        if (failure instanceof Error error) throw error;
        if (failure != null) throw new IllegalStateException("Parallel: a worker failed", failure);
    }

    /**
     * Waits for the chunks the workers took: spins first (they usually finish within microseconds), then yields,
     * so that on a machine with more runnable threads than cores the workers get the core this thread holds.
     */
    private static void awaitHelpers(Job job) {
        long spinUntil = System.nanoTime() + SPIN_NANOS / 5;
        while (job.unfinished.get() > 0) {
            if (System.nanoTime() < spinUntil) Thread.onSpinWait();
            else Thread.yield();
        }
    }

    private static void ensureWorkers(int count) {
        if (workers.length >= count) return;
        Worker[] grown = java.util.Arrays.copyOf(workers, count);
        for (int w = workers.length; w < count; w++) grown[w] = new Worker(w + 1);
        workers = grown;
    }

    /**
     * One call's chunks, counters and first failure. Each job has its own counters, so a worker that wakes late
     * and still holds an old job finds it exhausted and cannot touch the next one.
     */
    private static final class Job {
        final IntConsumer task;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger unfinished;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer task, int chunks) {
            this.task = task;
            this.chunks = chunks;
            this.unfinished = new AtomicInteger(chunks);
        }

        /** Takes chunks until none are left; run by the caller and the workers alike. */
        void work() {
            int chunk;
            while ((chunk = next.getAndIncrement()) < chunks) {
                try {
                    task.accept(chunk);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    unfinished.decrementAndGet();
                }
            }
        }
    }

    /** A long-lived helper: waits for a new job (spinning, then parked), then takes its chunks. */
    private static final class Worker implements Runnable {
        final Thread thread;
        private Job seen;

        Worker(int index) {
            seen = current;
            thread = new Thread(this, "fovea-worker-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        @Override public void run() {
            INSIDE.set(Boolean.TRUE);
            while (true) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                Job job;
                while ((job = current) == seen) {
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                seen = job;
                job.work();
            }
        }
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous ranges of at least {@code minPerChunk} items and
     * runs {@code body.range(from, to)} on each in parallel.
     */
    public static void forRange(int n, int minPerChunk, RangeBody body) {
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minPerChunk)));
        if (chunks == 1) {
            if (n > 0) body.range(0, n);
            return;
        }
        forEachChunk(chunks, c -> {
            long from = (long) n * c / chunks;
            long to = (long) n * (c + 1) / chunks;
            if (to > from) body.range((int) from, (int) to);
        });
    }

    /** A loop body over a half-open range of indices. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices from (inclusive) to (exclusive). */
        void range(int from, int to);
    }
}
