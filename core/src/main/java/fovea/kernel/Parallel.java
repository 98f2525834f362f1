package fovea.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one shared thread pool. Work is split into a fixed number of contiguous chunks that depend only on the
 * problem size and the thread count, never on timing, so parallel results are reproducible.
 *
 * <p>The thread count defaults to the number of available processors; override it with the system property
 * {@code fovea.threads} or {@link #setThreads(int)}. Pool threads are daemons: they never keep a JVM alive.
 */
public final class Parallel {
    private static volatile int threads = initialThreads();
    private static volatile ExecutorService pool;

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
    public static synchronized void setThreads(int count) {
        if (count < 1) throw new IllegalArgumentException("Parallel.setThreads: count must be >= 1; got " + count);
        threads = count;
    }

    private static ExecutorService pool() {
        ExecutorService current = pool;
        if (current == null) {
            synchronized (Parallel.class) {
                current = pool;
                if (current == null) {
                    AtomicInteger counter = new AtomicInteger();
                    current = Executors.newCachedThreadPool(runnable -> {
                        Thread thread = new Thread(runnable, "fovea-worker-" + counter.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                    pool = current;
                }
            }
        }
        return current;
    }

    /**
     * Runs {@code task.accept(chunk)} for chunk = 0 .. chunks-1, the first on the calling thread and the rest
     * on the pool, and returns when all are done. An exception in any chunk is rethrown here.
     */
    public static void forEachChunk(int chunks, IntConsumer task) {
        if (chunks <= 1) {
            if (chunks == 1) task.accept(0);
            return;
        }
        ExecutorService executor = pool();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            futures[c - 1] = executor.submit(() -> task.accept(chunk));
        }
        Throwable failure = null;
        try {
            task.accept(0);
        } catch (Throwable t) {
            failure = t;
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException runtime) throw runtime;
        if (failure instanceof Error error) throw error;
        if (failure != null) throw new IllegalStateException("Parallel: a worker failed", failure);
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
