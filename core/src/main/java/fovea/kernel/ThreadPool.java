package fovea.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A thread budget for kernels: jobs on it run on at most {@link #threads()} threads, the calling thread among them
 * and {@code threads - 1} daemon workers of this pool, started at its first parallel job. Made by
 * {@link Parallel#create(int)}; {@link #activate()} makes it the pool of every kernel called on this thread, and
 * {@link #close()} ends its workers. {@link Parallel} describes the design.
 */
public final class ThreadPool implements AutoCloseable {
    /** How long an idle worker spins before parking: about the gap between two kernel calls of a training step. */
    private static final long SPIN_NANOS = 50_000;
    /** The job a pool starts with and returns to, so a finished job's task and what it holds can be collected. */
    private static final Job IDLE = new Job(chunk -> { }, 0);
    /** Per thread: the innermost active scope (null: the default pool) and whether it is running a job's chunks. */
    private static final ThreadLocal<Context> CONTEXT = ThreadLocal.withInitial(Context::new);

    private final String name;
    private final boolean closable;
    private volatile int threads;
    private volatile boolean closed;
    /** Held while a job runs: one job at a time per pool; close() takes it to wait for the running one. */
    private final ReentrantLock busy = new ReentrantLock();
    private Worker[] workers = new Worker[0];      // grown and read under busy
    /** The job being run, or the last one; its publication is the hand-off to the workers. */
    private volatile Job current = IDLE;

    ThreadPool(String name, int threads, boolean closable) {
        this.name = name;
        this.threads = threads;
        this.closable = closable;
    }

    /** The pool activated on the calling thread (a worker's own pool on a worker), or null for the default. */
    static ThreadPool activated() {
        Scope scope = CONTEXT.get().scope;
        return scope == null ? null : scope.pool;
    }

    /** The number of threads a job on this pool may use, the caller's included. */
    public int threads() {
        return threads;
    }

    /** Changes the budget for the next job; only the default pool's changes ({@link Parallel#setThreads}). */
    void setThreads(int count) {
        threads = count;
    }

    /**
     * Makes this pool the one that kernels called on this thread use ({@link Parallel#current()}) until the scope is
     * closed, which restores the pool that was current before; scopes nest and are closed on their own thread.
     */
    public Scope activate() {
        checkOpen("activate");
        Context context = CONTEXT.get();
        Scope scope = new Scope(this, context.scope);
        context.scope = scope;
        return scope;
    }

    /**
     * {@code task} as a task that runs with this pool activated: for work the caller hands to a thread it starts
     * (a data prefetcher), so that work shares the caller's budget instead of using the default pool.
     */
    public Runnable wrap(Runnable task) {
        return () -> {
            try (Scope ignored = activate()) {
                task.run();
            }
        };
    }

    /**
     * Runs {@code task.accept(chunk)} for chunk = 0 .. chunks-1 on up to {@link #threads()} threads, the caller
     * among them, and returns when all are done. An exception in any chunk is rethrown here. A call made while
     * this pool runs another job, or from inside a chunk of any pool's job, runs its chunks on the calling thread.
     */
    public void forEachChunk(int chunks, IntConsumer task) {
        checkOpen("forEachChunk");
        if (chunks <= 1 || threads <= 1) {
            inline(chunks, task);
            return;
        }
        Context context = CONTEXT.get();
        if (context.inside || !busy.tryLock()) {
            inline(chunks, task);
            return;
        }
        Job job = new Job(task, chunks);
        try {
            checkOpen("forEachChunk");                 // close() sets closed while it holds busy
            context.inside = true;
            int helpers = Math.min(threads, chunks) - 1;
            ensureWorkers(helpers);
            current = job;                              // volatile write: publishes the job to the workers
            for (int w = 0; w < helpers; w++) LockSupport.unpark(workers[w]);
            job.work();
            awaitHelpers(job);
            current = IDLE;
        } finally {
            context.inside = false;
            busy.unlock();
        }
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException runtime) throw runtime;
        if (failure instanceof Error error) throw error;
        if (failure != null) throw new IllegalStateException(name + ": a worker failed", failure);
    }

    private static void inline(int chunks, IntConsumer task) {
        for (int c = 0; c < chunks; c++) task.accept(c);
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous ranges of at least {@code minPerChunk} items and
     * runs {@code body.range(from, to)} on each in parallel; the ranges depend only on n, minPerChunk and threads().
     */
    public void forRange(int n, int minPerChunk, Parallel.RangeBody body) {
        checkOpen("forRange");
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

    /**
     * Waits for a running job to finish, then ends this pool's workers and returns once they have ended; later
     * calls on the pool throw. Closing twice does nothing more; the default pool cannot be closed.
     */
    @Override public void close() {
        if (!closable) {
            throw new IllegalStateException(name + ": close called on the default pool, which is shared and stays open;"
                    + " expected a pool made by Parallel.create");
        }
        boolean insideOwnJob = Thread.currentThread() instanceof Worker worker && worker.pool() == this;
        if (insideOwnJob || busy.isHeldByCurrentThread()) {
            throw new IllegalStateException(this + ": close called from inside one of its own jobs; close it after the job");
        }
        Worker[] stopping;
        busy.lock();
        try {
            closed = true;
            stopping = workers;
            for (Worker worker : stopping) LockSupport.unpark(worker);
        } finally {
            busy.unlock();
        }
        boolean interrupted = false;
        for (Worker worker : stopping) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;                 // the workers are ending anyway: finish waiting, keep the flag
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** The prefix of its workers' names: "fovea" for the default pool, "fovea-pool-N" for the N-th one created. */
    String name() {
        return name;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    @Override public String toString() {
        return "ThreadPool(" + name + ", threads=" + threads + (closed ? ", closed" : "") + ")";
    }

    private void checkOpen(String call) {
        if (closed) throw new IllegalStateException(this + ": " + call + " called after close; expected an open pool");
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

    private void ensureWorkers(int count) {
        if (workers.length >= count) return;
        Worker[] grown = Arrays.copyOf(workers, count);
        for (int w = workers.length; w < count; w++) grown[w] = new Worker(w + 1);
        workers = grown;
    }

    /** What a thread's kernel calls use: its innermost scope, and whether it is running a job's chunks already. */
    private static final class Context {
        Scope scope;
        boolean inside;
    }

    /** An activation of a pool on one thread; closing it restores the pool that was current before. */
    public static final class Scope implements AutoCloseable {
        private final ThreadPool pool;
        private final Scope previous;
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private Scope(ThreadPool pool, Scope previous) {
            this.pool = pool;
            this.previous = previous;
        }

        /** The pool this scope activated. */
        public ThreadPool pool() {
            return pool;
        }

        /** Restores the pool that was current when this scope was opened; closing twice does nothing more. */
        @Override public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("ThreadPool.Scope: closed on thread " + Thread.currentThread().getName()
                        + "; expected the thread that activated it, " + owner.getName());
            }
            if (closed) return;
            Context context = CONTEXT.get();
            if (context.scope != this) {
                throw new IllegalStateException("ThreadPool.Scope: closed out of order; got the scope of " + pool
                        + " while the scope of " + (context.scope == null ? "the default pool" : context.scope.pool)
                        + " opened inside it is still open, expected the innermost first");
            }
            closed = true;
            context.scope = previous;
        }
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

    /**
     * A long-lived daemon helper: waits for a new job (spinning, then parked), then takes its chunks; its own pool
     * is current on it, so kernels in a chunk see the pool's thread count, and their nested calls run inline.
     */
    private final class Worker extends Thread {
        private Job seen;

        Worker(int index) {
            super(name + "-worker-" + index);
            seen = current;
            setDaemon(true);
            start();
        }

        ThreadPool pool() {
            return ThreadPool.this;
        }

        @Override public void run() {
            Context context = CONTEXT.get();
            context.scope = new Scope(ThreadPool.this, null);
            context.inside = true;
            while (true) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                Job job;
                while ((job = current) == seen) {
                    if (closed) return;
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                seen = job;
                job.work();
            }
        }
    }
}
