package fovea.classic;

import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The course's three ways to find the weights of a linear classifier, side by side on the same training rows and the
 * same budget of iterations (each iteration evaluates the full training loss once): random search (try random
 * weights, keep the best), random local search (from random weights, try a random step and keep it if the loss falls)
 * and gradient descent (step along the negative gradient, which the loss's graph gives).
 */
public final class OptimizerComparison {
    /**
     * Settings: the loss, iterations of each method, the scale of random weights, the size of a local-search step,
     * the learning rate of gradient descent, the regularization strength, and the seed.
     */
    public record Config(LinearClassifier.Loss loss, int iterations, float scale, float step, float lr, float reg, long seed) {
        /** Checks iterations >= 1 and positive scale, step and lr. */
        public Config {
            if (loss == null || iterations < 1 || !(scale > 0) || !(step > 0) || !(lr > 0) || !(reg >= 0)) {
                throw new IllegalArgumentException("OptimizerComparison.Config: expected a loss, iterations >= 1, scale, step "
                        + "and lr > 0, reg >= 0; got " + loss + ", " + iterations + ", " + scale + ", " + step + ", " + lr + ", " + reg);
            }
        }
    }

    /** The training rows x [N, D] with their labels, the test rows with theirs, and the number of classes. */
    public record Data(Tensor x, int[] labels, Tensor test, int[] testLabels, int classes) {
        /** Checks that the rows and labels agree. */
        public Data {
            if (x.rank() != 2 || test.rank() != 2 || x.size(0) != labels.length || test.size(0) != testLabels.length
                    || test.size(1) != x.size(1) || classes < 2) {
                throw new IllegalArgumentException("OptimizerComparison.Data: expected rows [N, D] with N labels, test rows "
                        + "[M, D] with M labels and classes >= 2; got " + x.shape() + " with " + labels.length + ", "
                        + test.shape() + " with " + testLabels.length + ", " + classes);
            }
        }
    }

    /**
     * Where a method ended: its final training loss, training and test accuracy, its seconds, and the training loss
     * of its weights after each iteration (gradient descent's: at the weights each step started from).
     */
    public record Outcome(String method, double loss, double trainAccuracy, double testAccuracy, double seconds, double[] losses) {}

    private OptimizerComparison() {}

    /** Runs the three methods on the training rows, each tested on the test rows; progress counts iterations. */
    public static List<Outcome> run(Data data, Config config, IntConsumer progress) {
        return List.of(randomSearch(data, config, progress), randomLocalSearch(data, config, progress),
                gradientDescent(data, config, progress));
    }

    /** Try random weights scale * N(0, 1) and keep the ones of lowest loss. */
    static Outcome randomSearch(Data data, Config config, IntConsumer progress) {
        Tensor x = data.x();
        int classes = data.classes();
        long start = System.nanoTime();
        Generator random = new Generator(config.seed());
        LinearClassifier best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] losses = new double[config.iterations()];
        for (int i = 0; i < config.iterations(); i++) {
            LinearClassifier candidate = new LinearClassifier(Tensor.randn(random, x.size(1), classes).mul(config.scale()),
                    Tensor.zeros(classes), config.loss());
            double loss = lossOf(candidate, data, config.reg());
            if (loss < bestLoss) {
                bestLoss = loss;
                best = candidate;
            }
            losses[i] = bestLoss;
            if (progress != null) progress.accept(1);
        }
        return outcome("random search", best, bestLoss, data, start, losses);
    }

    /** From random weights, try W + step * N(0, 1) and move there when the loss is lower. */
    static Outcome randomLocalSearch(Data data, Config config, IntConsumer progress) {
        Tensor x = data.x();
        int classes = data.classes();
        long start = System.nanoTime();
        Generator random = new Generator(config.seed());
        Tensor weights = Tensor.randn(random, x.size(1), classes).mul(config.scale());
        LinearClassifier current = new LinearClassifier(weights, Tensor.zeros(classes), config.loss());
        double currentLoss = lossOf(current, data, config.reg());
        double[] losses = new double[config.iterations()];
        losses[0] = currentLoss;
        for (int i = 1; i < config.iterations(); i++) {
            Tensor tried = current.weights().add(Tensor.randn(random, x.size(1), classes).mul(config.step()));
            LinearClassifier candidate = new LinearClassifier(tried, Tensor.zeros(classes), config.loss());
            double loss = lossOf(candidate, data, config.reg());
            if (loss < currentLoss) {
                currentLoss = loss;
                current = candidate;
            }
            losses[i] = currentLoss;
            if (progress != null) progress.accept(1);
        }
        if (progress != null) progress.accept(1);
        return outcome("random local search", current, currentLoss, data, start, losses);
    }

    /** Full-batch gradient descent from the same kind of random start: W -= lr * dL/dW. */
    static Outcome gradientDescent(Data data, Config config, IntConsumer progress) {
        Tensor x = data.x();
        int classes = data.classes();
        long start = System.nanoTime();
        LinearClassifier classifier = new LinearClassifier(Tensor.randn(new Generator(config.seed()), x.size(1), classes)
                .mul(config.scale()), Tensor.zeros(classes), config.loss());
        LinearClassifier.Config training = new LinearClassifier.Config(config.loss(), config.lr(), config.reg(),
                config.iterations(), x.size(0), config.seed());
        // one epoch of a single batch holding every row is one full gradient step
        double[] losses = classifier.fit(x, data.labels(), null, null, training, null, rows -> {
            if (progress != null) progress.accept(1);
        }).stream().mapToDouble(LinearClassifier.Epoch::loss).toArray();
        return outcome("gradient descent", classifier, lossOf(classifier, data, config.reg()), data, start, losses);
    }

    private static double lossOf(LinearClassifier classifier, Data data, float reg) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return classifier.loss(data.x(), data.labels(), reg).item();
        }
    }

    private static Outcome outcome(String method, LinearClassifier classifier, double loss, Data data, long start,
                                   double[] losses) {
        return new Outcome(method, loss, classifier.accuracy(data.x(), data.labels()),
                classifier.accuracy(data.test(), data.testLabels()), (System.nanoTime() - start) / 1e9, losses);
    }
}
