package fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Accuracy, top-k, the confusion matrix and per-class accuracy on a hand-made case. */
class MetricsTest {
    private final Tensor scores = Tensor.of(new float[] {
        0.1f, 0.7f, 0.2f,
        0.5f, 0.3f, 0.2f,
        0.2f, 0.3f, 0.5f,
        0.4f, 0.4f, 0.2f}, 4, 3);
    private final Tensor targets = Tensor.of(new float[] {1, 1, 2, 1}, 4);

    @Test void accuracyAndTopK() {
        assertEquals(0.5, Metrics.accuracy(scores, targets));     // rows 0 and 2; row 3 ties go to class 0
        assertEquals(1.0, Metrics.topK(scores, targets, 2));
        assertEquals(1.0, Metrics.topK(scores, targets, 3));
        assertThrows(IllegalArgumentException.class, () -> Metrics.topK(scores, targets, 4));
    }

    @Test void confusionMatrixAndPerClass() {
        long[][] confusion = Metrics.confusionMatrix(scores, targets);
        assertArrayEquals(new long[] {0, 0, 0}, confusion[0]);
        assertArrayEquals(new long[] {2, 1, 0}, confusion[1]);
        assertArrayEquals(new long[] {0, 0, 1}, confusion[2]);
        double[] perClass = Metrics.perClassAccuracy(confusion);
        assertEquals(Double.NaN, perClass[0]);
        assertEquals(1.0 / 3, perClass[1], 1e-12);
        assertEquals(1.0, perClass[2]);
    }

    @Test void badTargets() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(scores, Tensor.of(new float[] {1, 1, 3, 1}, 4)));
        assertEquals("topK: target 3.0 is not a class in [0, 3)", error.getMessage());
    }
}
