package fovea.cli.classify;

import fovea.data.Batch;
import fovea.data.DataLoader;
import fovea.data.Subset;
import fovea.data.TensorDataset;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.optim.Optimizer;
import fovea.tensor.Generator;
import fovea.train.Classification;
import fovea.train.StepResult;
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

    /** What the check reached: whether it passed, after how many steps, the accuracy and loss, and the line printed. */
    record Result(boolean passed, int steps, double accuracy, double loss, String line) {
        /** The figures for results.json. */
        java.util.Map<String, Object> figures() {
            java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("passed", passed);
            figures.put("images", IMAGES);
            figures.put("steps", steps);
            figures.put("accuracy", accuracy);
            figures.put("loss", loss);
            return figures;
        }
    }

    /** Trains a fresh model on the first 20 images with the run's optimizer and reports what it reached. */
    Result run(java.util.function.Supplier<Module> freshModel, TensorDataset data, OptimizerChoice choice, float lr) {
        Module model = freshModel.get();
        Optimizer optimizer = choice.create(model.parameters(), lr, 0f);
        Subset<fovea.data.Example> tiny = new Subset<>(data, IntStream.range(0, IMAGES).toArray());
        Batch batch;
        try (var iterator = DataLoader.of(tiny, DataLoader.Config.evaluation(IMAGES)).epoch(0)) {
            batch = iterator.next();
        }
        // the classification task's own step, on the same batch until it is fitted
        Classification task = new Classification(model, optimizer, Losses::crossEntropy, new Generator(0));
        task.onEpochBegin(1);
        double accuracy = 0;
        double loss = Double.NaN;
        int step = 0;
        while (step < MAX_STEPS && !(accuracy == 1.0 && loss < 0.05f)) {
            StepResult result = task.trainStep(batch);
            loss = result.get("loss");
            accuracy = result.get("accuracy");
            step++;
        }
        boolean passed = accuracy == 1.0 && loss < 0.05f;
        String line = String.format(Locale.ROOT, passed
                ? "overfit check: passed, %d images fitted in %d steps (accuracy %.2f, loss %.4f)"
                : "overfit check: FAILED, after %d images and %d steps accuracy is %.2f and loss %.4f; check the model, "
                + "the loss and the learning rate before training longer", IMAGES, step, accuracy, loss);
        out.println(line);
        out.flush();
        return new Result(passed, step, accuracy, loss, line);
    }
}
