package fovea.data;

/**
 * What a training loop reads: epochs of batches of any type, each epoch resumable from any batch. A
 * {@link DataLoader} is one; a task whose data is produced while it trains (an agent filling a replay buffer)
 * gives a source of step numbers instead.
 */
public interface BatchSource<B> {
    /** The number of batches in one epoch. */
    int batchCount();

    /** The batches of epoch {@code epoch} (from 0) from batch {@code firstBatch} on; close them when done. */
    Batches<B> epoch(int epoch, int firstBatch);

    /** The batches of one epoch, in order; closing stops whatever prepares them. */
    interface Batches<B> extends java.util.Iterator<B>, AutoCloseable {
        /** Stops preparing batches; safe to call more than once. */
        @Override void close();
    }

    /** A source of {@code steps} batches an epoch, each its step number within the epoch. */
    static BatchSource<Integer> steps(int steps) {
        if (steps < 1) throw new IllegalArgumentException("BatchSource.steps: steps must be >= 1; got " + steps);
        return new BatchSource<>() {
            @Override public int batchCount() {
                return steps;
            }

            @Override public Batches<Integer> epoch(int epoch, int firstBatch) {
                if (firstBatch < 0 || firstBatch > steps) {
                    throw new IllegalArgumentException("BatchSource.steps: firstBatch must be in 0.." + steps + "; got " + firstBatch);
                }
                return new Batches<>() {
                    private int next = firstBatch;

                    @Override public boolean hasNext() {
                        return next < steps;
                    }

                    @Override public Integer next() {
                        if (next >= steps) throw new java.util.NoSuchElementException("BatchSource.steps: epoch done after " + steps);
                        return next++;
                    }

                    @Override public void close() {
                        next = steps;
                    }
                };
            }
        };
    }
}
