package fovea.train;

import fovea.data.Batch;
import fovea.data.BatchSource;
import fovea.nn.Module;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's babysitting checks as a callback on a classifier's training: the loss at the first step against ln C,
 * the update/weight ratio of every weight at each epoch's first step, and the dead ReLUs after each epoch on a
 * training batch. What it finds goes to every callback's {@link Callback#onFindings}; add it before the progress
 * callback so its findings print before the epoch's line.
 */
public final class Babysitting implements Callback {
    private final Module model;
    private final BatchSource<Batch> train;
    private final int classes;
    private Loop<?> loop;
    private Map<String, float[]> before;

    /** Watches {@code model}, trained on {@code train}, a classifier of {@code classes} classes. */
    public Babysitting(Module model, BatchSource<Batch> train, int classes) {
        if (classes < 2) throw new IllegalArgumentException("Babysitting: classes must be >= 2; got " + classes);
        this.model = model;
        this.train = train;
        this.classes = classes;
    }

    @Override public void onTrainBegin(Loop<?> loop, int firstEpoch, int epochs) {
        this.loop = loop;
    }

    @Override public void onBatchBegin(int epoch, int batch) {
        if (batch == 0) before = snapshot();
    }

    @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
        if (batch != 0 || before == null) return;
        boolean firstStep = loop.steps() == 1;
        if (firstStep) loop.report(epoch, List.of(Diagnostics.initialLoss(step.get("loss"), classes)));
        loop.report(epoch, Diagnostics.updateRatioFindings(Diagnostics.updateRatios(before, model.namedParameters()), firstStep));
        before = null;
    }

    @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
        try (BatchSource.Batches<Batch> batches = train.epoch(result.epoch() - 1, 0)) {
            if (!batches.hasNext()) return;
            Tensor features = batches.next().features();
            loop.report(result.epoch(), Diagnostics.deadReluFindings(model.inEvalMode(() -> Diagnostics.deadRelus(model, features))));
        }
    }

    /** The weight matrices and kernels (rank >= 2): the course's update-ratio rule is about them, not biases. */
    private Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (p.rank() >= 2) copy.put(name, p.toArray());
        });
        return copy;
    }
}
