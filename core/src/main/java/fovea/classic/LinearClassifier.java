package fovea.classic;

import fovea.nn.Losses;
import fovea.optim.Sgd;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * A linear classifier, scores = x W + b with W [D, C] and b [C] (the course's layout), trained by minibatch SGD on
 * one of the course's losses plus the L2 penalty reg * sum(W^2) (the bias is not penalized):
 * the multiclass SVM (hinge with margin delta = 1), softmax (cross-entropy), or binary logistic regression one class
 * against the rest (one sigmoid per class, summed over classes; predicts the class of the highest score). The losses
 * are composed of tensor ops, so their gradients come from autograd.
 */
public final class LinearClassifier {
    /** The loss a linear classifier is trained with. */
    public enum Loss {
        /** The multiclass SVM: sum over j != y of max(0, s_j - s_y + 1). */
        SVM,
        /** Softmax: -log(e^{s_y} / sum_j e^{s_j}). */
        SOFTMAX,
        /** One-vs-rest logistic regression: sum over classes c of the binary cross-entropy of sigmoid(s_c) and [y == c]. */
        LOGISTIC
    }

    /** How to train: loss, learning rate, regularization strength, epochs, minibatch size and the shuffle's seed. */
    public record Config(Loss loss, float lr, float reg, int epochs, int batchSize, long seed) {
        /** Checks lr > 0, reg >= 0, epochs >= 1 and batchSize >= 1. */
        public Config {
            if (loss == null || !(lr > 0) || !(reg >= 0) || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("LinearClassifier.Config: expected a loss, lr > 0, reg >= 0, epochs >= 1, "
                        + "batchSize >= 1; got " + loss + ", " + lr + ", " + reg + ", " + epochs + ", " + batchSize);
            }
        }

        /** The same settings with another learning rate and regularization strength. */
        public Config with(float lr, float reg) {
            return new Config(loss, lr, reg, epochs, batchSize, seed);
        }

        /** The same settings with another number of epochs. */
        public Config withEpochs(int value) {
            return new Config(loss, lr, reg, value, batchSize, seed);
        }
    }

    /** One epoch: mean minibatch loss (with the penalty), accuracy on those batches, validation accuracy (NaN without). */
    public record Epoch(int epoch, double loss, double trainAccuracy, double validationAccuracy, double seconds) {}

    private final Tensor weights;
    private final Tensor bias;
    private final Loss loss;

    /** Weights 0.001 * N(0, 1) as in the course, bias 0. */
    public LinearClassifier(int features, int classes, Loss loss, RandomGenerator random) {
        this(Tensor.randn(random, features, classes).mul(0.001f), Tensor.zeros(classes), loss);
    }

    /** A classifier with the given weights [D, C] and bias [C] (copied). */
    public LinearClassifier(Tensor weights, Tensor bias, Loss loss) {
        if (weights.rank() != 2 || bias.rank() != 1 || bias.size(0) != weights.size(1)) {
            throw new IllegalArgumentException("LinearClassifier: expected weights [D, C] and bias [C]; got "
                    + weights.shape() + " and " + bias.shape());
        }
        this.weights = Tensor.of(weights.toArray(), weights.shape()).requiresGrad(true);
        this.bias = Tensor.of(bias.toArray(), bias.shape()).requiresGrad(true);
        this.loss = loss;
    }

    /** A copy of the weights, [D, C]. */
    public Tensor weights() {
        return Tensor.of(weights.toArray(), weights.shape());
    }

    /** A copy of the bias, [C]. */
    public Tensor bias() {
        return Tensor.of(bias.toArray(), bias.shape());
    }

    /** The loss this classifier is trained with. */
    public Loss lossKind() {
        return loss;
    }

    /** The class scores x W + b, [N, C], for rows x [N, D]. */
    public Tensor scores(Tensor x) {
        if (x.rank() != 2 || x.size(1) != weights.size(0)) {
            throw new IllegalArgumentException("LinearClassifier: expected rows [N, " + weights.size(0) + "]; got " + x.shape());
        }
        return x.matmul(weights).add(bias);
    }

    /** The mean data loss over rows x [N, D] with labels [N], plus reg * sum(W^2); a scalar with a gradient. */
    public Tensor loss(Tensor x, int[] labels, float reg) {
        Tensor data = dataLoss(loss, scores(x), labels);
        return reg == 0 ? data : data.add(Losses.l2Penalty(List.of(weights), reg));
    }

    /** The mean data loss of scores [N, C] against labels [N]. */
    static Tensor dataLoss(Loss loss, Tensor scores, int[] labels) {
        Tensor targets = Tensor.of(toFloats(labels), labels.length);
        return switch (loss) {
            case SVM -> Losses.svmHinge(scores, targets, 1f);
            case SOFTMAX -> Losses.crossEntropy(scores, targets);
            // bceWithLogits averages over N * C entries; the sum over the C binary problems is C times that
            case LOGISTIC -> Losses.bceWithLogits(scores, oneHot(labels, scores.size(1))).mul(scores.size(1));
        };
    }

    /**
     * Minibatch SGD over rows x [N, D] with labels, shuffled every epoch by the config's seed; after each epoch the
     * accuracy on the validation rows (when given) is measured and {@code onEpoch} told. {@code onBatch} receives the
     * rows of each finished batch. Returns every epoch.
     */
    public List<Epoch> fit(Tensor x, int[] labels, Tensor validation, int[] validationLabels, Config config,
                           Consumer<Epoch> onEpoch, IntConsumer onBatch) {
        if (config.loss() != loss) throw new IllegalArgumentException("LinearClassifier.fit: the classifier's loss is " + loss
                + "; got a config for " + config.loss());
        if (x.rank() != 2 || x.size(1) != weights.size(0) || x.size(0) != labels.length) {
            throw new IllegalArgumentException("LinearClassifier.fit: expected rows [N, " + weights.size(0)
                    + "] and N labels; got " + x.shape() + " and " + labels.length + " labels");
        }
        Sgd sgd = new Sgd(List.of(weights, bias), Sgd.Config.defaults().withLr(config.lr()));
        Generator random = new Generator(config.seed());
        List<Epoch> epochs = new ArrayList<>();
        int n = labels.length;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = Rows.permutation(n, random);
            double lossSum = 0, correct = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int to = Math.min(n, from + config.batchSize());
                int[] rows = java.util.Arrays.copyOfRange(order, from, to);
                // one batch of every row (full-batch gradient descent): the mean loss does not depend on the order
                boolean all = rows.length == n;
                Tensor batch = all ? x : Rows.select(x, rows);
                int[] batchLabels = all ? labels : Rows.gather(labels, rows);
                Tensor scores = scores(batch);
                Tensor value = dataLoss(loss, scores, batchLabels);
                if (config.reg() != 0) value = value.add(Losses.l2Penalty(List.of(weights), config.reg()));
                sgd.zeroGrad();
                value.backward();
                sgd.step();
                lossSum += value.item() * rows.length;
                correct += countCorrect(scores, batchLabels);
                if (onBatch != null) onBatch.accept(rows.length);
            }
            double validationAccuracy = validation == null ? Double.NaN : accuracy(validation, validationLabels);
            Epoch result = new Epoch(epoch, lossSum / n, correct / n, validationAccuracy, (System.nanoTime() - start) / 1e9);
            epochs.add(result);
            if (onEpoch != null) onEpoch.accept(result);
        }
        return epochs;
    }

    /** The class of the highest score for each row of x [N, D]. */
    public int[] predict(Tensor x) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return argmax(scores(x));
        }
    }

    /** The fraction of rows of x whose predicted class is their label. */
    public double accuracy(Tensor x, int[] labels) {
        return Knn.accuracy(predict(x), labels);
    }

    static int[] argmax(Tensor scores) {
        float[] s = scores.toArray();
        int c = scores.size(1);
        int[] best = new int[scores.size(0)];
        for (int i = 0; i < best.length; i++) {
            for (int j = 1; j < c; j++) if (s[i * c + j] > s[i * c + best[i]]) best[i] = j;
        }
        return best;
    }

    private static int countCorrect(Tensor scores, int[] labels) {
        int[] predicted = argmax(scores);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) correct++;
        return correct;
    }

    private static float[] toFloats(int[] labels) {
        float[] values = new float[labels.length];
        for (int i = 0; i < labels.length; i++) values[i] = labels[i];
        return values;
    }

    private static Tensor oneHot(int[] labels, int classes) {
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("LinearClassifier: label " + labels[i] + " at " + i + " is outside 0.."
                        + (classes - 1));
            }
            values[i * classes + labels[i]] = 1;
        }
        return Tensor.of(values, labels.length, classes);
    }
}
