package fovea.train;

import fovea.data.BatchSource;
import fovea.io.Checkpoint;
import fovea.tensor.Stateful;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one training loop: epochs of {@link Task#trainStep} over a {@link BatchSource}, validation after each epoch,
 * callbacks (progress, history, checkpoints, early stopping, schedules, diagnostics), the non-finite guard, and
 * checkpoints that resume exactly.
 *
 * <p>Exact resumption rests on two things: the checkpoint restores everything the task names in {@link Task#state()}
 * (weights, optimizer state, generators, buffers), and a data source's order is a function of its seed and the epoch,
 * so the loop only needs to know how many epochs are done.
 * <pre>{@code
 * Loop<Batch> loop = new Loop<>(new Classification(model, optimizer, Losses::crossEntropy, random), 10);
 * History history = loop.add(progress).fit(trainLoader, validationLoader);
 * }</pre>
 *
 * @param <B> the batch type of the task and its data
 */
public final class Loop<B> {
    private static final String HISTORY_KEY = "history";
    private static final String CALLBACK_PART = "callback_";

    /** Lets a callback stop the run after the current epoch (early stopping). */
    public static final class Control {
        private boolean stop;

        /** Ends training after this epoch. */
        public void stop() {
            stop = true;
        }

        /** True once a callback asked to stop. */
        public boolean stopped() {
            return stop;
        }
    }

    private final Task<B> task;
    private final int epochs;
    private final List<Callback> callbacks = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private History history;
    private int epochsDone;
    private long steps;

    /** A loop that runs {@code task} until {@code epochs} epochs are done (counting those before a resume). */
    public Loop(Task<B> task, int epochs) {
        if (task == null) throw new IllegalArgumentException("Loop: a task is required; got null");
        if (epochs < 1) throw new IllegalArgumentException("Loop: epochs must be >= 1; got " + epochs);
        this.task = task;
        this.epochs = epochs;
        this.history = new History(task.metrics());
    }

    /** Adds a callback, told of events in the order callbacks were added; returns this. */
    public Loop<B> add(Callback callback) {
        callbacks.add(callback);
        return this;
    }

    /**
     * Saves {@code value} under {@code key} in every checkpoint (its {@link Checkpoint#extra()}): what a front end
     * needs to continue the run, such as the model's name and the options it was trained with. Returns this.
     */
    public Loop<B> note(String key, String value) {
        if (key == null || value == null || key.equals(HISTORY_KEY) || Checkpoint.RESERVED_KEYS.contains(key)) {
            throw new IllegalArgumentException("Loop.note: expected a key other than " + HISTORY_KEY + " and "
                    + Checkpoint.RESERVED_KEYS + " and a value; got " + key + " = " + value);
        }
        notes.put(key, value);
        return this;
    }

    /** The task being trained. */
    public Task<B> task() {
        return task;
    }

    /** The number of epochs to reach. */
    public int epochs() {
        return epochs;
    }

    /** The number of epochs finished (including those before a resume). */
    public int epochsDone() {
        return epochsDone;
    }

    /** The number of training steps taken (including those before a resume). */
    public long steps() {
        return steps;
    }

    /** The history so far. */
    public History history() {
        return history;
    }

    /**
     * The state to save after {@link #epochsDone()} epochs: the task's state, that of every callback with state
     * (early stopping's patience, a plateau schedule's counters), the progress and the history.
     */
    public Checkpoint checkpoint() {
        Map<String, String> extra = new LinkedHashMap<>(notes);
        extra.put(HISTORY_KEY, history.toCsv());
        return Checkpoint.of(state(), epochsDone, steps, extra);
    }

    /**
     * Restores a {@link #checkpoint()}: the next {@link #fit} continues where that run stopped. Add the callbacks
     * first: those with state are restored too (strictly, so a run resumed without the same ones fails, naming them).
     */
    public void resume(Checkpoint checkpoint) {
        checkpoint.restore(state());
        epochsDone = Math.toIntExact(checkpoint.epoch());
        steps = checkpoint.step();
        String csv = checkpoint.extra().get(HISTORY_KEY);
        history = csv == null ? new History(task.metrics()) : History.fromCsv(csv);
    }

    /**
     * Everything a checkpoint holds: the task's parts, then each {@link Stateful} callback as
     * {@code callback_<ClassName>} ({@code _2}, {@code _3} ... for more of one class), in the order they were added.
     */
    private Map<String, Stateful> state() {
        Map<String, Stateful> state = new LinkedHashMap<>(task.state());
        for (Callback callback : callbacks) {
            if (!(callback instanceof Stateful stateful)) continue;
            String base = CALLBACK_PART + callback.getClass().getSimpleName();
            String name = base;
            for (int n = 2; state.containsKey(name); n++) name = base + "_" + n;
            state.put(name, stateful);
        }
        return state;
    }

    /** Tells every callback what a diagnostic found at {@code epoch}; for callbacks that run checks. */
    public void report(int epoch, List<Diagnostics.Finding> findings) {
        if (!findings.isEmpty()) callbacks.forEach(c -> c.onFindings(epoch, findings));
    }

    /** Trains until the epochs are done or a callback stops it; validation may be null. Returns the history. */
    public History fit(BatchSource<B> train, BatchSource<B> validation) {
        callbacks.forEach(c -> c.onTrainBegin(this, epochsDone + 1, epochs));
        Control control = new Control();
        while (epochsDone < epochs && !control.stop) {
            int epoch = epochsDone + 1;
            Map<String, Double> rates = task.learningRates();
            task.onEpochBegin(epoch);
            Epoch trained = trainEpoch(train, epoch);
            Map<String, Double> validated = validation == null ? missing() : task.evaluate(validation);
            epochsDone = epoch;
            EpochResult result = new EpochResult(epoch, trained.means(), validated, trained.seconds(), rates);
            history.add(result);
            task.onEpochEnd(result);
            callbacks.forEach(c -> c.onEpochEnd(result, control));
        }
        callbacks.forEach(c -> c.onTrainEnd(history));
        return history;
    }

    private record Epoch(Map<String, Double> means, double seconds) {}

    private Epoch trainEpoch(BatchSource<B> train, int epoch) {
        int batches = train.batchCount();
        callbacks.forEach(c -> c.onEpochBegin(epoch, batches));
        Map<String, Double> sums = new LinkedHashMap<>();
        long examples = 0;
        long start = System.nanoTime();
        long paused = 0;
        try (BatchSource.Batches<B> iterator = train.epoch(epoch - 1, 0)) {
            int index = 0;
            while (iterator.hasNext()) {
                B batch = iterator.next();
                int done = index++;
                long pauseStart = System.nanoTime();
                callbacks.forEach(c -> c.onBatchBegin(epoch, done));
                paused += System.nanoTime() - pauseStart;
                StepResult step = step(batch, epoch, done);
                steps++;
                for (var entry : step.scalars().entrySet()) {
                    sums.merge(entry.getKey(), entry.getValue() * step.examples(), Double::sum);
                }
                examples += step.examples();
                pauseStart = System.nanoTime();
                callbacks.forEach(c -> c.onBatchEnd(epoch, done, batches, step));
                paused += System.nanoTime() - pauseStart;
            }
        }
        double seconds = (System.nanoTime() - start - paused) / 1e9;
        Map<String, Double> means = new LinkedHashMap<>();
        for (String name : task.metrics()) means.put(name, sums.getOrDefault(name, 0.0) / Math.max(1, examples));
        return new Epoch(means, seconds);
    }

    /** One task step, guarded: a non-finite scalar or a task's own report of one stops the run with where it happened. */
    private StepResult step(B batch, int epoch, int index) {
        StepResult step;
        try {
            step = task.trainStep(batch);
        } catch (TrainingDiverged e) {
            throw diverged(epoch, index, e.getMessage());
        }
        for (String name : task.metrics()) {
            Double value = step.scalars().get(name);
            if (value == null) {
                throw new IllegalStateException(task.getClass().getSimpleName() + ": the step reported " + step.scalars().keySet()
                        + "; expected every metric of " + task.metrics());
            }
            if (!Double.isFinite(value)) throw diverged(epoch, index, "the " + name + " is " + value);
        }
        return step;
    }

    private TrainingDiverged diverged(int epoch, int index, String reason) {
        return new TrainingDiverged("training stopped at epoch " + epoch + ", step " + (index + 1) + " (overall step "
                + (steps + 1) + "): " + reason + "; the last good checkpoint (epoch " + epochsDone + ") is kept");
    }

    private Map<String, Double> missing() {
        Map<String, Double> none = new LinkedHashMap<>();
        for (String name : task.metrics()) none.put(name, Double.NaN);
        return none;
    }
}
