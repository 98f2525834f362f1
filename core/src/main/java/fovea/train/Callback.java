package fovea.train;

import java.util.List;

/**
 * What a training run reports as it goes; every method is optional. The library prints nothing: the CLI's
 * callbacks show progress, write histories and checkpoints.
 */
public interface Callback {
    /** Before the first epoch of this call to fit (after a resume, the first remaining epoch). */
    default void onTrainBegin(Loop<?> loop, int firstEpoch, int epochs) {}

    /** Before an epoch of {@code batches} batches. */
    default void onEpochBegin(int epoch, int batches) {}

    /** Before the step on batch {@code batch} (from 0) of {@code epoch}. */
    default void onBatchBegin(int epoch, int batch) {}

    /** After each training step, with what it reported. */
    default void onBatchEnd(int epoch, int batch, int batches, StepResult step) {}

    /** After an epoch and its validation; {@code control} can stop the run. */
    default void onEpochEnd(EpochResult result, Loop.Control control) {}

    /**
     * What one of the course's babysitting checks found at {@code epoch}, all of one figure: the loss at the first
     * step, the update ratio of every weight at an epoch's first step, the dead fraction of every ReLU layer after
     * an epoch. {@link DiagnosticsLog} decides which of them a person needs to see.
     */
    default void onFindings(int epoch, List<Diagnostics.Finding> findings) {}

    /** After the last epoch, or when a callback stopped the run. */
    default void onTrainEnd(History history) {}
}
