package fovea.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Pixel accuracy and IoU from streaming sums, on a case worked by hand, split over two batches. */
class SegmentationMetricsTest {
    /** Scores [1, 3, 1, W] whose highest class at each pixel is {@code predicted[i]}. */
    private static Tensor scores(int... predicted) {
        float[] s = new float[3 * predicted.length];
        for (int i = 0; i < predicted.length; i++) s[predicted[i] * predicted.length + i] = 1;
        return Tensor.of(s, 1, 3, 1, predicted.length);
    }

    private static Tensor targets(float... classes) {
        return Tensor.of(classes, 1, 1, classes.length);
    }

    @Test void aCaseWorkedByHand() {
        // truth     0 0 1 1 1 2 255
        // predicted 0 1 1 1 2 2 0      (the last pixel is ignored)
        SegmentationMetrics metrics = new SegmentationMetrics(3, 255);
        metrics.add(scores(0, 1, 1), targets(0, 0, 1));
        metrics.add(scores(1, 2, 2, 0), targets(1, 1, 2, 255));
        assertArrayEquals(new long[][] {{1, 1, 0}, {0, 2, 1}, {0, 0, 1}}, metrics.confusion());
        assertEquals(4.0 / 6, metrics.pixelAccuracy(), 1e-12);
        // class 0: TP 1, FP 0, FN 1 -> 1/2; class 1: TP 2, FP 1, FN 1 -> 2/4; class 2: TP 1, FP 1, FN 0 -> 1/2
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, metrics.iou(), 1e-12);
        assertEquals(0.5, metrics.meanIou(), 1e-12);
    }

    @Test void aClassThatNeverOccursIsLeftOutOfTheMean() {
        SegmentationMetrics metrics = new SegmentationMetrics(3, -1);
        metrics.add(scores(0, 1, 1), targets(0, 1, 1));
        assertTrue(Double.isNaN(metrics.iou()[2]));
        assertEquals(1.0, metrics.meanIou(), 1e-12);
        assertTrue(Double.isNaN(new SegmentationMetrics(2, -1).pixelAccuracy()));
        var error = assertThrows(IllegalArgumentException.class, () -> metrics.add(scores(0), targets(7)));
        assertTrue(error.getMessage().contains("targets must be classes in [0, 3) or -1; got 7.0"), error.getMessage());
    }
}
