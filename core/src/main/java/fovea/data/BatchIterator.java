package fovea.data;

import fovea.kernel.Parallel;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The batches of one epoch, in order, with the next one prepared by a background task; close it (try-with-resources)
 * to stop that task early. The task also ends by itself after the last batch, and when an abandoned iterator is
 * garbage-collected, so no thread outlives the iteration.
 */
public final class BatchIterator<B> implements BatchSource.Batches<B> {
    private final Producer<B> producer;
    private B pending;
    private boolean finished;

    BatchIterator(DataLoader<B> loader, int epoch, int[] order, int firstBatch, Executor executor) {
        producer = new Producer<>(loader, epoch, order, firstBatch, new WeakReference<>(this));
        executor.execute(Parallel.current().wrap(producer));    // the caller's thread budget, not the default's
    }

    @Override public boolean hasNext() {
        if (pending != null) return true;
        if (finished) return false;
        Object item;
        try {
            item = producer.queue.take();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("BatchIterator: interrupted while waiting for batch " + producer.taken, e);
        }
        if (item != END && !(item instanceof Failure)) {
            @SuppressWarnings("unchecked") // the producer puts only batches, END and failures in the queue
            B batch = (B) item;
            pending = batch;
            producer.taken++;
            return true;
        }
        close();
        if (item instanceof Failure failure) {
            if (failure.cause instanceof Error error) throw error;
            throw new IllegalStateException("DataLoader: preparing batch " + producer.taken + " of epoch "
                    + producer.epoch + " failed: " + failure.cause.getMessage(), failure.cause);
        }
        return false;
    }

    @Override public B next() {
        if (!hasNext()) {
            throw new NoSuchElementException("BatchIterator: no batch after batch " + (producer.taken - 1)
                    + " of epoch " + producer.epoch);
        }
        B batch = pending;
        pending = null;
        return batch;
    }

    /** Stops the background task and waits until it has ended; safe to call more than once. */
    @Override public void close() {
        finished = true;
        pending = null;
        producer.stop();
    }

    private record Failure(Throwable cause) {}

    private static final Object END = new Object();

    /** The background task; it holds the iterator only weakly, so it can notice that it was abandoned. */
    private static final class Producer<B> implements Runnable {
        private final DataLoader<B> loader;
        private final int epoch;
        private final int[] order;
        private final WeakReference<BatchIterator<B>> owner;
        // One batch waits in the queue while the next is built: the caller never waits for a batch that is ready.
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private final Object lock = new Object();
        private int next;
        private int taken;
        private boolean started;
        private boolean stopped;
        private Thread runner;

        Producer(DataLoader<B> loader, int epoch, int[] order, int firstBatch, WeakReference<BatchIterator<B>> owner) {
            this.loader = loader;
            this.epoch = epoch;
            this.order = order;
            this.owner = owner;
            this.next = firstBatch;
            this.taken = firstBatch;
        }

        @Override public void run() {
            synchronized (lock) {
                if (stopped) return;
                started = true;
                runner = Thread.currentThread();
            }
            try {
                int count = loader.batchCount();
                while (next < count) {
                    if (!hand(loader.batch(epoch, order, next++))) return;
                }
                hand(END);
            } catch (InterruptedException e) {
                // stop() interrupted a wait: the iterator was closed
            } catch (Throwable t) {
                try {
                    hand(new Failure(t));
                } catch (InterruptedException e) {
                    // closed while reporting the failure: nobody is left to tell
                }
            } finally {
                synchronized (lock) {
                    runner = null;
                    Thread.interrupted(); // an executor's thread goes back to its pool without our interrupt
                }
                done.countDown();
            }
        }

        /** Puts an item in the queue; false when the iterator was closed or abandoned meanwhile. */
        private boolean hand(Object item) throws InterruptedException {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (isStopped() || owner.get() == null) return false;
            }
            return !isStopped();
        }

        private boolean isStopped() {
            synchronized (lock) {
                return stopped;
            }
        }

        void stop() {
            boolean wait;
            synchronized (lock) {
                stopped = true;
                if (runner != null) runner.interrupt();
                wait = started;
            }
            if (!wait) return;
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
