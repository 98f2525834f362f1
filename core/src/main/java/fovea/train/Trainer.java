package fovea.train;

import fovea.data.Batch;
import fovea.data.BatchIterator;
import fovea.data.DataLoader;
import fovea.io.Checkpoint;
import fovea.nn.Module;
import fovea.optim.Optimizer;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The training loop a user would write, with callbacks: epochs of forward, loss, backward and optimizer step
 * over a {@link DataLoader}, validation after each epoch, diagnostics, and checkpoints that resume exactly.
 *
 * <p>Exact resumption rests on three things the checkpoint restores: the weights and optimizer state, the
 * number of finished epochs (the loader's order is a function of its seed and the epoch), and the state of the
 * {@link Generator} the model draws from (dropout).
 */
public final class Trainer {
    private static final String HISTORY_KEY = "history";

    /** Settings: the number of epochs to reach, the loss, and whether to run the babysitting diagnostics. */
    public record Config(int epochs, Loss loss, boolean diagnostics) {
        public Config {
            if (epochs < 1) throw new IllegalArgumentException("Trainer: epochs must be >= 1; got " + epochs);
            if (loss == null) throw new IllegalArgumentException("Trainer: a loss is required; got null");
        }
    }

    /** Lets a callback stop the run after the current epoch (early stopping). */
    public static final class Control {
        private boolean stop;

        /** Ends training after this epoch. */
        public void stop() {
            stop = true;
        }
    }

    private final Module model;
    private final Optimizer optimizer;
    private final Generator random;
    private final Config config;
    private final List<Callback> callbacks = new ArrayList<>();
    private History history = new History();
    private int epochsDone;
    private long steps;

    /** A trainer of {@code model} by {@code optimizer}; {@code random} is the generator the model draws from. */
    public Trainer(Module model, Optimizer optimizer, Generator random, Config config) {
        this.model = model;
        this.optimizer = optimizer;
        this.random = random;
        this.config = config;
    }

    /** Adds a callback; returns this. */
    public Trainer add(Callback callback) {
        callbacks.add(callback);
        return this;
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The number of epochs finished (including those before a resume). */
    public int epochsDone() {
        return epochsDone;
    }

    /** The history so far. */
    public History history() {
        return history;
    }

    /** The state to save after {@link #epochsDone()} epochs: weights, optimizer state, progress, generator, history. */
    public Checkpoint checkpoint() {
        Map<String, Tensor> weights = new LinkedHashMap<>(model.stateDict());
        return new Checkpoint(weights, optimizer.stateDict(), epochsDone, steps, random.state(),
                Map.of(HISTORY_KEY, history.toCsv()));
    }

    /** Restores a {@link #checkpoint()}: the next {@link #fit} continues where that run stopped. */
    public void resume(Checkpoint checkpoint) {
        model.loadStateDict(checkpoint.model());
        optimizer.loadStateDict(checkpoint.optimizer());
        if (checkpoint.generatorState().length > 0) random.setState(checkpoint.generatorState());
        epochsDone = Math.toIntExact(checkpoint.epoch());
        steps = checkpoint.step();
        String csv = checkpoint.extra().get(HISTORY_KEY);
        history = csv == null ? new History() : History.fromCsv(csv);
    }

    /** Trains until {@code config.epochs()} epochs are done; validation may be null. Returns the history. */
    public History fit(DataLoader<Batch> train, DataLoader<Batch> validation) {
        callbacks.forEach(c -> c.onTrainBegin(this, epochsDone + 1, config.epochs()));
        Control control = new Control();
        while (epochsDone < config.epochs() && !control.stop) {
            int epoch = epochsDone + 1;
            double lr = optimizer.lr();
            EpochStats stats = trainEpoch(train, epoch);
            Evaluation validated = validation == null ? null : evaluate(validation);
            epochsDone = epoch;
            EpochResult result = new EpochResult(epoch, stats.loss(), stats.accuracy(),
                    validated == null ? Double.NaN : validated.loss(), validated == null ? Double.NaN : validated.accuracy(),
                    stats.seconds(), lr);
            history.add(result);
            if (config.diagnostics()) report(epoch, deadRelus(train, epoch));
            callbacks.forEach(c -> c.onEpochEnd(result, control));
        }
        callbacks.forEach(c -> c.onTrainEnd(history));
        return history;
    }

    private record EpochStats(double loss, double accuracy, double seconds) {}

    private EpochStats trainEpoch(DataLoader<Batch> train, int epoch) {
        model.train();
        int batches = train.batchCount();
        callbacks.forEach(c -> c.onEpochBegin(epoch, batches));
        double lossSum = 0;
        double correct = 0;
        long examples = 0;
        long start = System.nanoTime();
        long paused = 0;
        try (BatchIterator<Batch> iterator = train.epoch(epoch - 1)) {
            int index = 0;
            while (iterator.hasNext()) {
                Batch batch = iterator.next();
                // the update ratios at the first step of every epoch; the loss at the first step of the run
                boolean measured = index == 0 && config.diagnostics();
                boolean firstStep = steps == 0;
                Map<String, float[]> before = measured ? snapshot() : null;
                Tensor scores = model.forward(batch.features());
                Tensor loss = config.loss().apply(scores, batch.labels());
                float value = loss.item();
                if (!Float.isFinite(value)) throw diverged(epoch, index, value, batch);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                steps++;
                double accuracy = Metrics.accuracy(scores.detach(), batch.labels());
                lossSum += (double) value * batch.size();
                correct += accuracy * batch.size();
                examples += batch.size();
                if (measured) {
                    long pauseStart = System.nanoTime();
                    if (firstStep) report(epoch, List.of(Diagnostics.initialLoss(value, scores.size(scores.rank() - 1))));
                    report(epoch, Diagnostics.updateRatioFindings(Diagnostics.updateRatios(before, model.namedParameters()),
                            firstStep));
                    paused += System.nanoTime() - pauseStart;
                }
                int done = index++;
                callbacks.forEach(c -> c.onBatchEnd(epoch, done, batches, value, accuracy, batch.size()));
            }
        }
        double seconds = (System.nanoTime() - start - paused) / 1e9;
        return new EpochStats(lossSum / Math.max(1, examples), correct / Math.max(1, examples), seconds);
    }

    /** The weight matrices and kernels (rank >= 2): the course's update-ratio rule is about them, not biases. */
    private Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (p.rank() >= 2) copy.put(name, p.toArray());
        });
        return copy;
    }

    private TrainingDiverged diverged(int epoch, int index, float value, Batch batch) {
        String layer = Diagnostics.firstNonFiniteLayer(model, batch.features());
        return new TrainingDiverged("training stopped at epoch " + epoch + ", step " + (index + 1) + " (overall step "
                + (steps + 1) + "): the loss is " + value + "; " + (layer == null
                ? "every layer's output is finite, so the loss itself overflowed (lower the learning rate)"
                : "the first non-finite values appear in layer " + layer)
                + "; the last good checkpoint (epoch " + epochsDone + ") is kept");
    }

    private List<Diagnostics.Finding> deadRelus(DataLoader<Batch> train, int epoch) {
        try (BatchIterator<Batch> iterator = train.epoch(epoch - 1)) {
            if (!iterator.hasNext()) return List.of();
            model.eval();
            try {
                return Diagnostics.deadReluFindings(Diagnostics.deadRelus(model, iterator.next().features()));
            } finally {
                model.train();
            }
        }
    }

    private void report(int epoch, List<Diagnostics.Finding> findings) {
        if (!findings.isEmpty()) callbacks.forEach(c -> c.onFindings(epoch, findings));
    }

    /** Loss and accuracy over a whole data set, in eval mode and without recording. */
    public Evaluation evaluate(DataLoader<Batch> loader) {
        return evaluate(loader, model::forward);
    }

    /**
     * Loss and accuracy over a whole data set of the scores {@code scoresOf} gives for each batch of features, the
     * model in eval mode and without recording: test-time augmentation, for example, passes
     * {@code TestTimeAugmentation.averaged(model::forward, views)}.
     */
    public Evaluation evaluate(DataLoader<Batch> loader, Function<Tensor, Tensor> scoresOf) {
        boolean wasTraining = model.isTraining();
        model.eval();
        List<Tensor> scores = new ArrayList<>();
        List<Tensor> targets = new ArrayList<>();
        double lossSum = 0;
        long examples = 0;
        try (GradMode.Scope ignored = GradMode.noGrad(); BatchIterator<Batch> iterator = loader.epoch(0)) {
            while (iterator.hasNext()) {
                Batch batch = iterator.next();
                Tensor out = scoresOf.apply(batch.features());
                lossSum += (double) config.loss().apply(out, batch.labels()).item() * batch.size();
                examples += batch.size();
                scores.add(out);
                targets.add(batch.labels());
            }
        } finally {
            model.train(wasTraining);
        }
        if (examples == 0) throw new IllegalArgumentException("Trainer.evaluate: the data set is empty");
        Tensor allScores = Tensor.cat(0, scores.toArray(Tensor[]::new));
        Tensor allTargets = Tensor.cat(0, targets.toArray(Tensor[]::new));
        return new Evaluation(lossSum / examples, Metrics.accuracy(allScores, allTargets), allScores, allTargets);
    }

    /** Class probabilities [N, C] for a batch of features, in eval mode and without recording. */
    public Tensor predict(Tensor features) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(features).softmax(-1);
        } finally {
            model.train(wasTraining);
        }
    }
}
