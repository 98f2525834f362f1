package fovea.train;

import fovea.data.BatchSource;
import fovea.tensor.Stateful;
import java.util.List;
import java.util.Map;

/**
 * One kind of training: a task owns its models, optimizers, losses, schedules and metrics, and does one step on a
 * batch; the {@link Loop} owns everything around the steps (epochs, callbacks, the non-finite guard, progress, history,
 * checkpoints). Classification is one task; a language model, a GAN's two players stepped in alternation, or an agent
 * whose batches are produced while it trains are others.
 *
 * @param <B> the batch type the task's {@link BatchSource} gives
 */
public interface Task<B> {
    /**
     * The names of the scalars {@link #trainStep} and {@link #evaluate} report, in the order the history shows them
     * (classification: loss, accuracy).
     */
    List<String> metrics();

    /** One training step on {@code batch}: forward, losses, backward, updates. Returns its scalars, every one named in {@link #metrics()}. */
    StepResult trainStep(B batch);

    /**
     * The scalars over a whole data set, in evaluation mode and without recording: means over examples for the same
     * names as {@link #metrics()}.
     */
    Map<String, Double> evaluate(BatchSource<B> data);

    /**
     * Everything with state under a name without dots (its modules, optimizers, schedules, random generators, buffers):
     * what a checkpoint saves, so that a resumed run continues bit for bit.
     */
    Map<String, Stateful> state();

    /** The learning rates to record each epoch, by name ("lr"; a GAN's "lr_d" and "lr_g"); empty if none. */
    default Map<String, Double> learningRates() {
        return Map.of();
    }

    /** Before epoch {@code epoch} (from 1): a task resets state it keeps across the steps of one epoch. */
    default void onEpochBegin(int epoch) {}

    /** After epoch {@code epoch} and its validation: a task advances the schedules it owns. */
    default void onEpochEnd(EpochResult result) {}

    /**
     * The state of a task with one model, one optimizer and one generator, under the part names such tasks share
     * (model, optimizer, generator), so their checkpoints read alike.
     */
    static Map<String, Stateful> parts(fovea.nn.Module model, fovea.optim.Optimizer optimizer, fovea.tensor.Generator random) {
        Map<String, Stateful> parts = new java.util.LinkedHashMap<>();
        parts.put("model", model);
        parts.put("optimizer", optimizer);
        parts.put("generator", random);
        return parts;
    }
}
