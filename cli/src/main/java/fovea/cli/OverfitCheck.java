package fovea.cli;

import fovea.data.Batch;
import fovea.data.DataLoader;
import fovea.data.Subset;
import fovea.data.TensorDataset;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.optim.Optimizer;
import fovea.tensor.Tensor;
import fovea.train.Metrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The course's sanity check before a long run: a fresh copy of the model must drive the loss on a tiny subset
 * (20 images) close to zero; if it cannot, something is wrong with the model, the loss or the learning rate.
 */
final class OverfitCheck {
    static final int IMAGES = 20;
    static final int MAX_STEPS = 300;
    private final PrintWriter out;

    OverfitCheck(PrintWriter out) {
        this.out = out;
    }

    /** Trains a fresh model on the first 20 images with the run's optimizer and reports what it reached. */
    boolean run(java.util.function.Supplier<Module> freshModel, TensorDataset data, OptimizerChoice choice, float lr) {
        Module model = freshModel.get();
        Optimizer optimizer = choice.create(model.parameters(), lr, 0f);
        Subset<fovea.data.Example> tiny = new Subset<>(data, IntStream.range(0, IMAGES).toArray());
        Batch batch;
        try (var iterator = DataLoader.of(tiny, DataLoader.Config.evaluation(IMAGES)).epoch(0)) {
            batch = iterator.next();
        }
        double accuracy = 0;
        float loss = Float.NaN;
        int step = 0;
        while (step < MAX_STEPS && !(accuracy == 1.0 && loss < 0.05f)) {
            Tensor scores = model.forward(batch.features());
            Tensor objective = Losses.crossEntropy(scores, batch.labels());
            loss = objective.item();
            accuracy = Metrics.accuracy(scores.detach(), batch.labels());
            optimizer.zeroGrad();
            objective.backward();
            optimizer.step();
            step++;
        }
        boolean passed = accuracy == 1.0 && loss < 0.05f;
        out.printf(Locale.ROOT, passed
                ? "overfit check: passed, %d images fitted in %d steps (accuracy %.2f, loss %.4f)%n"
                : "overfit check: FAILED, after %d images and %d steps accuracy is %.2f and loss %.4f; check the model, "
                + "the loss and the learning rate before training longer%n", IMAGES, step, accuracy, loss);
        out.flush();
        return passed;
    }
}
