package fovea.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three losses against the course's naive loops (value and gradient), and training on the shipped sample. */
class LinearClassifierTest {
    private static final int N = 7, D = 5, C = 4;
    private static final int[] LABELS = {0, 3, 1, 1, 2, 0, 3};

    /** Loss and dL/dW by the course's naive loops, in double: [loss, dW row-major...]. */
    private static double[] naive(LinearClassifier.Loss loss, float[] x, float[] w, float[] b, float reg) {
        double total = 0;
        double[] grad = new double[D * C];
        for (int i = 0; i < N; i++) {
            double[] s = new double[C];
            for (int c = 0; c < C; c++) {
                s[c] = b[c];
                for (int d = 0; d < D; d++) s[c] += x[i * D + d] * w[d * C + c];
            }
            double[] ds = new double[C];                   // dLoss_i / ds
            int y = LABELS[i];
            switch (loss) {
                case SVM -> {
                    for (int j = 0; j < C; j++) {
                        double margin = s[j] - s[y] + 1;
                        if (j != y && margin > 0) {
                            total += margin;
                            ds[j] += 1;
                            ds[y] -= 1;
                        }
                    }
                }
                case SOFTMAX -> {
                    double max = java.util.Arrays.stream(s).max().orElseThrow(), sum = 0;
                    for (int j = 0; j < C; j++) sum += Math.exp(s[j] - max);
                    total += -(s[y] - max - Math.log(sum));
                    for (int j = 0; j < C; j++) ds[j] = Math.exp(s[j] - max) / sum - (j == y ? 1 : 0);
                }
                case LOGISTIC -> {
                    for (int j = 0; j < C; j++) {
                        double t = j == y ? 1 : 0, p = 1 / (1 + Math.exp(-s[j]));
                        total += -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
                        ds[j] = p - t;
                    }
                }
            }
            for (int d = 0; d < D; d++) for (int c = 0; c < C; c++) grad[d * C + c] += x[i * D + d] * ds[c] / N;
        }
        double[] result = new double[1 + D * C];
        result[0] = total / N;
        for (int k = 0; k < D * C; k++) {
            result[0] += reg * (double) w[k] * w[k];
            result[1 + k] = grad[k] + 2 * reg * w[k];
        }
        return result;
    }

    @Test void lossesAndGradientsMatchTheCourseLoops() {
        Generator random = new Generator(11);
        Tensor x = Tensor.randn(random, N, D);
        Tensor w = Tensor.randn(random, D, C);
        Tensor b = Tensor.randn(random, C).mul(0.1f);
        for (LinearClassifier.Loss loss : LinearClassifier.Loss.values()) {
            LinearClassifier classifier = new LinearClassifier(w, b, loss);
            Tensor value = classifier.loss(x, LABELS, 0.1f);
            value.backward();
            double[] expected = naive(loss, x.toArray(), w.toArray(), b.toArray(), 0.1f);
            assertEquals(expected[0], value.item(), 1e-5 * Math.abs(expected[0]), loss + " loss");
            // the gradient lives on the classifier's own weight tensor: reach it through a fresh backward on its copy
            Tensor weights = classifier.weights().requiresGrad(true);
            LinearClassifier.dataLoss(loss, x.matmul(weights).add(b), LABELS)
                    .add(weights.mul(weights).sum().mul(0.1f)).backward();
            float[] grad = weights.grad().toArray();
            for (int k = 0; k < D * C; k++) assertEquals(expected[1 + k], grad[k], 1e-5, loss + " dW " + k);
        }
    }

    @Test void everyLossLearnsTheSample() throws IOException {
        TensorDataset train = FashionMnist.readTraining(FashionMnist.Sources.defaults().sample());
        TensorDataset test = FashionMnist.readTest(FashionMnist.Sources.defaults().sample());
        Tensor x = train.features().slice(0, 0, 2000).reshape(2000, 784);
        Tensor testX = test.features().slice(0, 0, 500).reshape(500, 784);
        int[] labels = java.util.Arrays.copyOf(KnnTest.labels(train), 2000);
        int[] testLabels = java.util.Arrays.copyOf(KnnTest.labels(test), 500);
        for (LinearClassifier.Loss loss : LinearClassifier.Loss.values()) {
            LinearClassifier classifier = new LinearClassifier(784, 10, loss, new Generator(1));
            float lr = loss == LinearClassifier.Loss.SVM ? 0.01f : 0.1f;
            List<LinearClassifier.Epoch> epochs = classifier.fit(x, labels, testX, testLabels,
                    new LinearClassifier.Config(loss, lr, 1e-4f, 3, 100, 5), null, null);
            assertTrue(epochs.get(2).loss() < epochs.get(0).loss(), loss + ": the loss falls " + epochs);
            assertEquals(3, epochs.size());
            double accuracy = classifier.accuracy(testX, testLabels);
            assertEquals(accuracy, epochs.get(2).validationAccuracy(), 1e-12);
            assertTrue(accuracy > 0.70, loss + ": test accuracy " + accuracy);
        }
    }

    @Test void readmeExample() throws IOException {
        TensorDataset train = FashionMnist.readTraining(FashionMnist.Sources.defaults().sample());
        Tensor trainFeatures = train.features().slice(0, 0, 1000).reshape(1000, 784);
        Tensor testFeatures = train.features().slice(0, 1000, 1200).reshape(200, 784);
        int[] trainLabels = java.util.Arrays.copyOf(KnnTest.labels(train), 1000);
        // as in the README
        Knn knn = new Knn(trainFeatures, trainLabels);
        int[][] predicted = knn.predict(testFeatures, new int[] {1, 5, 9}, Distance.L1, null);
        Pca pca = Pca.fit(trainFeatures, Pca.Config.of(50));
        LinearClassifier svm = new LinearClassifier(50, 10, LinearClassifier.Loss.SVM, new Generator(42));
        svm.fit(pca.apply(trainFeatures), trainLabels, null, null,
                new LinearClassifier.Config(LinearClassifier.Loss.SVM, 0.01f, 1e-4f, 10, 200, 42), null, null);
        int[] testLabels = java.util.Arrays.copyOfRange(KnnTest.labels(train), 1000, 1200);
        assertTrue(Knn.accuracy(predicted[1], testLabels) > 0.6);
        assertTrue(svm.accuracy(pca.apply(testFeatures), testLabels) > 0.6);
    }

    @Test void trainingIsReproducibleFromTheSeed() {
        Generator random = new Generator(2);
        Tensor x = Tensor.randn(random, 50, 6);
        int[] labels = new int[50];
        for (int i = 0; i < 50; i++) labels[i] = i % 3;
        LinearClassifier.Config config = new LinearClassifier.Config(LinearClassifier.Loss.SOFTMAX, 0.1f, 0.01f, 2, 8, 9);
        LinearClassifier a = new LinearClassifier(6, 3, LinearClassifier.Loss.SOFTMAX, new Generator(3));
        LinearClassifier b = new LinearClassifier(6, 3, LinearClassifier.Loss.SOFTMAX, new Generator(3));
        a.fit(x, labels, null, null, config, null, null);
        b.fit(x, labels, null, null, config, null, null);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.weights().toArray(), b.weights().toArray());
    }

    @Test void badArgumentsShowTheShapes() {
        LinearClassifier classifier = new LinearClassifier(3, 2, LinearClassifier.Loss.SVM, new Generator(1));
        assertEquals("LinearClassifier: expected rows [N, 3]; got [4, 5]",
                assertThrows(IllegalArgumentException.class, () -> classifier.predict(Tensor.zeros(4, 5))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearClassifier.Config(LinearClassifier.Loss.SVM, 0, 0, 1, 1, 0));
    }
}
