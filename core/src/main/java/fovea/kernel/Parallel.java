package fovea.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Where kernels split their work over threads: the current thread's pool, by default one shared pool sized to
 * the machine, and pools with their own thread budget for callers that share a JVM.
 *
 * <p><b>Pools.</b> A {@link ThreadPool} is a budget of {@code threads} threads: the thread that calls a kernel
 * works on chunks too, beside {@code threads - 1} long-lived daemon workers that belong to the pool. The default
 * pool ({@link #defaultPool()}) is what code that does nothing special uses; its thread count is the number of
 * available processors, or the system property {@code fovea.threads}, or {@link #setThreads(int)} (the CLI's
 * {@code --threads}). {@link #create(int)} makes another pool, with its own workers, its own thread count and
 * its own lock; closing it ends its workers, so a library call that makes one never leaves threads behind.
 *
 * <p><b>The current pool.</b> Kernels do not take a pool argument: they call {@link #forEachChunk},
 * {@link #forRange} and {@link #threads()} here, which use the calling thread's current pool. That is the
 * default pool unless the thread has activated another, for the extent of a scope:
 * <pre>{@code
 * try (ThreadPool pool = Parallel.create(4); ThreadPool.Scope scope = pool.activate()) {
 *     ... train: every kernel called on this thread runs on pool's 4 threads ...
 * }   // the previous pool is current again, also when training threw; pool's workers have ended
 * }</pre>
 * The current pool is a thread-local (like the no-grad scope): two threads, each with its own pool activated
 * (two trainings in a Spark executor, an actor beside a learner), run their kernels at the same time, each on
 * its own budget; they share no lock. A pool's workers have their own pool current, so kernels inside a chunk
 * see the thread count of the job that runs them. A thread the caller starts does not inherit the pool (an
 * executor's threads would keep it past its scope); {@link ThreadPool#wrap} hands it over explicitly.
 *
 * <p><b>One job at a time per pool.</b> A call made while its pool runs another job (another thread using the
 * same pool, such as a data prefetcher) runs its chunks on the calling thread; so does a call from inside a
 * chunk of any pool's job, which is how nested parallel calls run inline instead of deadlocking.
 *
 * <p><b>Reproducible results.</b> Work is split into chunks that depend only on the problem size and the thread
 * count of the current pool, never on timing or on which pool it is, and chunks write disjoint outputs, so
 * which thread runs a chunk does not matter: two pools of the same size give the same bits.
 *
 * <p><b>Cheap hand-off.</b> Kernels hand out work many thousand times a second, so the hand-off must cost
 * microseconds, not the 40-120 µs of an executor's submit and join measured here: the workers spin briefly on
 * their pool's job counter before they park, and the caller works on chunks too.
 */
public final class Parallel {
    private static final ThreadPool DEFAULT = new ThreadPool("fovea", initialThreads(), false);
    private static final AtomicInteger CREATED = new AtomicInteger();

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

    /** A new pool of {@code threads} threads (>= 1), the caller's included; close it to end its workers. */
    public static ThreadPool create(int threads) {
        if (threads < 1) throw new IllegalArgumentException("Parallel.create: threads must be >= 1; got " + threads);
        return new ThreadPool("fovea-pool-" + CREATED.incrementAndGet(), threads, true);
    }

    /** The shared pool that threads without an activated pool use; it is never closed. */
    public static ThreadPool defaultPool() {
        return DEFAULT;
    }

    /** The pool that kernels called on this thread use: the innermost activated one, else the default. */
    public static ThreadPool current() {
        ThreadPool pool = ThreadPool.activated();
        return pool == null ? DEFAULT : pool;
    }

    /** The number of threads kernels called on this thread may use: the current pool's. */
    public static int threads() {
        return current().threads();
    }

    /**
     * Sets the default pool's thread count (>= 1), for its next job; threads with another pool activated keep
     * that pool's.
     */
    public static void setThreads(int count) {
        if (count < 1) throw new IllegalArgumentException("Parallel.setThreads: count must be >= 1; got " + count);
        DEFAULT.setThreads(count);
    }

    /**
     * Runs {@code task.accept(chunk)} for chunk = 0 .. chunks-1 on up to {@link #threads()} threads of the current
     * pool, the caller among them, and returns when all are done. An exception in any chunk is rethrown here.
     */
    public static void forEachChunk(int chunks, IntConsumer task) {
        current().forEachChunk(chunks, task);
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous ranges of at least {@code minPerChunk} items and
     * runs {@code body.range(from, to)} on each in parallel on the current pool.
     */
    public static void forRange(int n, int minPerChunk, RangeBody body) {
        current().forRange(n, minPerChunk, body);
    }

    /** A loop body over a half-open range of indices. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices from (inclusive) to (exclusive). */
        void range(int from, int to);
    }
}
