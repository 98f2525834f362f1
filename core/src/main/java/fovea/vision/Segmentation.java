package fovea.vision;

import fovea.data.AnnotatedBatch;
import fovea.data.BatchSource;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.optim.Optimizer;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import fovea.train.StepResult;
import fovea.train.Task;
import fovea.train.TrainingDiverged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic segmentation task on the one loop: a fully convolutional model maps images [N, 3, H, W] to class
 * scores [N, C, H, W], trained on the per-pixel cross-entropy; each step reports the loss, the pixel accuracy and the
 * batch's mean IoU, and evaluation streams them over the whole data ({@link SegmentationMetrics}).
 * <pre>{@code
 * Segmentation task = new Segmentation(unet, new Adam(unet.parameters(), Adam.Config.defaults()), 11, random);
 * new Loop<>(task, 10).fit(trainScenes, testScenes);           // DataLoader<AnnotatedBatch> of FashionScenes
 * }</pre>
 */
public final class Segmentation implements Task<AnnotatedBatch> {
    /** Pixels with this target are left out of the loss and the figures (none in Fashion scenes). */
    public static final int IGNORE_INDEX = 255;
    private static final List<String> METRICS = List.of("loss", "pixel_accuracy", "mean_iou");

    private final Module model;
    private final Optimizer optimizer;
    private final int classes;
    private final Generator random;

    /** Trains {@code model} by {@code optimizer} to label each pixel with one of {@code classes} classes. */
    public Segmentation(Module model, Optimizer optimizer, int classes, Generator random) {
        if (model == null || optimizer == null || classes < 2 || random == null) {
            throw new IllegalArgumentException("Segmentation: expected a model, an optimizer, classes >= 2 and a generator; got "
                    + model + ", " + optimizer + ", " + classes + ", " + random);
        }
        this.model = model;
        this.optimizer = optimizer;
        this.classes = classes;
        this.random = random;
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    @Override public List<String> metrics() {
        return METRICS;
    }

    @Override public void onEpochBegin(int epoch) {
        model.train();
    }

    @Override public StepResult trainStep(AnnotatedBatch batch) {
        Tensor scores = model.call(batch.images());
        Tensor loss = Losses.crossEntropy2d(scores, batch.masks(), IGNORE_INDEX);
        float value = loss.item();
        if (!Float.isFinite(value)) throw new TrainingDiverged("the per-pixel loss is " + value);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        SegmentationMetrics metrics = new SegmentationMetrics(classes, IGNORE_INDEX);
        metrics.add(scores.detach(), batch.masks());
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("loss", (double) value);
        scalars.put("pixel_accuracy", metrics.pixelAccuracy());
        scalars.put("mean_iou", metrics.meanIou());          // of this batch; evaluation gives the data set's
        return new StepResult(scalars, batch.size());
    }

    /** The figures of a whole data set and its per-class IoU, in eval mode and without recording. */
    public record Evaluation(double loss, SegmentationMetrics metrics) {}

    /** Loss, pixel accuracy and IoU over {@code data}, streamed batch by batch. */
    public Evaluation evaluation(BatchSource<AnnotatedBatch> data) {
        return model.inEvalMode(() -> stream(data));
    }

    private Evaluation stream(BatchSource<AnnotatedBatch> data) {
        SegmentationMetrics metrics = new SegmentationMetrics(classes, IGNORE_INDEX);
        double lossSum = 0;
        long images = 0;
        try (GradMode.Scope ignored = GradMode.noGrad(); BatchSource.Batches<AnnotatedBatch> batches = data.epoch(0, 0)) {
            while (batches.hasNext()) {
                AnnotatedBatch batch = batches.next();
                Tensor scores = model.call(batch.images());
                lossSum += (double) Losses.crossEntropy2d(scores, batch.masks(), IGNORE_INDEX).item() * batch.size();
                images += batch.size();
                metrics.add(scores, batch.masks());
            }
        }
        if (images == 0) throw new IllegalArgumentException("Segmentation.evaluation: the data set is empty");
        return new Evaluation(lossSum / images, metrics);
    }

    @Override public Map<String, Double> evaluate(BatchSource<AnnotatedBatch> data) {
        Evaluation evaluation = evaluation(data);
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("loss", evaluation.loss());
        scalars.put("pixel_accuracy", evaluation.metrics().pixelAccuracy());
        scalars.put("mean_iou", evaluation.metrics().meanIou());
        return scalars;
    }

    @Override public Map<String, Stateful> state() {
        return Task.parts(model, optimizer, random);
    }

    @Override public Map<String, Double> learningRates() {
        return Map.of("lr", (double) optimizer.lr());
    }
}
