package fovea.train;

import fovea.data.Batch;
import fovea.data.BatchSource;
import fovea.nn.Module;
import fovea.optim.Optimizer;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The classification task: one model, one optimizer, a loss of (scores [N, C], labels [N]); each step is forward,
 * loss, backward and update, reporting the batch's loss and accuracy.
 * <pre>{@code
 * Classification task = new Classification(model, new Adam(model.parameters(), Adam.Config.defaults()),
 *         Losses::crossEntropy, random);
 * new Loop<>(task, 10).fit(trainLoader, validationLoader);
 * double accuracy = task.evaluation(testLoader).accuracy();
 * }</pre>
 */
public final class Classification implements Task<Batch> {
    private static final List<String> METRICS = List.of("loss", "accuracy");

    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final Generator random;
    private final Objective objective;

    /**
     * What a training step minimizes for a batch: the scores it reports accuracy on and the loss it backpropagates.
     * The default is the model's scores and the loss of them; a model that returns a record trains on more of it
     * (GoogLeNet: {@code o = net.outputs(x)}, then {@code new Scored(o.scores(), o.loss(loss, labels))}).
     */
    @FunctionalInterface
    public interface Objective {
        /** The scores and the loss for a batch of {@code features} with {@code labels}. */
        Scored apply(Tensor features, Tensor labels);
    }

    /** A batch's scores [N, C] and the scalar loss to minimize. */
    public record Scored(Tensor scores, Tensor loss) {}

    /** Trains {@code model} by {@code optimizer} on {@code loss}; {@code random} is the generator the model draws from. */
    public Classification(Module model, Optimizer optimizer, Loss loss, Generator random) {
        this(model, optimizer, loss, random, null);
    }

    /**
     * As above, minimizing {@code objective} in training ({@link Objective}); evaluation and prediction use the
     * model's scores and {@code loss}.
     */
    public Classification(Module model, Optimizer optimizer, Loss loss, Generator random, Objective objective) {
        if (model == null || optimizer == null || loss == null || random == null) {
            throw new IllegalArgumentException("Classification: expected a model, an optimizer, a loss and a generator; got "
                    + model + ", " + optimizer + ", " + loss + ", " + random);
        }
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.random = random;
        this.objective = objective != null ? objective : (features, labels) -> {
            Tensor scores = model.call(features);
            return new Scored(scores, loss.apply(scores, labels));
        };
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override public List<String> metrics() {
        return METRICS;
    }

    @Override public void onEpochBegin(int epoch) {
        model.train();
    }

    @Override public StepResult trainStep(Batch batch) {
        Scored scored = objective.apply(batch.features(), batch.labels());
        Tensor scores = scored.scores();
        Tensor value = scored.loss();
        float item = value.item();
        if (!Float.isFinite(item)) {
            // before the update, so the weights are those that produced it
            String layer = Diagnostics.firstNonFiniteLayer(model, batch.features());
            throw new TrainingDiverged("the loss is " + item + "; " + (layer == null
                    ? "every layer's output is finite, so the loss itself overflowed (lower the learning rate)"
                    : "the first non-finite values appear in layer " + layer));
        }
        optimizer.zeroGrad();
        value.backward();
        optimizer.step();
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("loss", (double) item);
        scalars.put("accuracy", Metrics.accuracy(scores.detach(), batch.labels()));
        return new StepResult(scalars, batch.size());
    }

    @Override public Map<String, Double> evaluate(BatchSource<Batch> data) {
        Evaluation evaluation = evaluation(data);
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("loss", evaluation.loss());
        scalars.put("accuracy", evaluation.accuracy());
        return scalars;
    }

    /** Loss, top-k accuracy and the confusion matrix over a whole data set, in eval mode and without recording. */
    public Evaluation evaluation(BatchSource<Batch> data) {
        return evaluation(data, model::call);
    }

    /**
     * As {@link #evaluation(BatchSource)}, of the scores {@code scoresOf} gives for each batch of features: test-time
     * augmentation passes {@code TestTimeAugmentation.averaged(model::call, views)}.
     */
    public Evaluation evaluation(BatchSource<Batch> data, Function<Tensor, Tensor> scoresOf) {
        return evaluation(model, loss, data, scoresOf);
    }

    /** The figures of an already trained {@code model} (in eval mode during the call), with no optimizer involved. */
    public static Evaluation evaluation(Module model, Loss loss, BatchSource<Batch> data, Function<Tensor, Tensor> scoresOf) {
        return model.inEvalMode(() -> Evaluation.of(scoresOf, loss, data));
    }

    /** Class probabilities [N, C] for a batch of features, in eval mode and without recording. */
    public Tensor predict(Tensor features) {
        return model.inEvalMode(() -> {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                return model.call(features).softmax(-1);
            }
        });
    }

    @Override public Map<String, Stateful> state() {
        return Task.parts(model, optimizer, random);
    }

    @Override public Map<String, Double> learningRates() {
        return Map.of("lr", (double) optimizer.lr());
    }
}
