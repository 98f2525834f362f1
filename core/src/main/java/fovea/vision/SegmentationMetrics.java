package fovea.vision;

import fovea.tensor.Tensor;

/**
 * Semantic segmentation's figures as streaming sums: a confusion matrix of pixels (true class by predicted class)
 * that batches are added to, so a data set's figures never need all its predictions in memory. Pixel accuracy,
 * per-class IoU = TP / (TP + FP + FN) and their mean over the classes that occur (in the truth or the predictions).
 */
public final class SegmentationMetrics {
    private final long[][] confusion;
    private final int ignoreIndex;

    /** Figures over {@code classes} classes (the background included); pixels whose target is {@code ignoreIndex} are skipped. */
    public SegmentationMetrics(int classes, int ignoreIndex) {
        if (classes < 1) throw new IllegalArgumentException("SegmentationMetrics: expected classes >= 1; got " + classes);
        this.confusion = new long[classes][classes];
        this.ignoreIndex = ignoreIndex;
    }

    /** Adds a batch: scores [N, C, H, W] (the predicted class is the highest score) and targets [N, H, W]. */
    public void add(Tensor scores, Tensor targets) {
        int classes = confusion.length;
        if (scores.rank() != 4 || scores.size(1) != classes || targets.rank() != 3 || targets.size(0) != scores.size(0)
                || targets.size(1) != scores.size(2) || targets.size(2) != scores.size(3)) {
            throw new IllegalArgumentException("SegmentationMetrics.add: expected scores [N, " + classes + ", H, W] and targets "
                    + "[N, H, W]; got " + scores.shape() + " and " + targets.shape());
        }
        float[] s = scores.toArray();
        float[] t = targets.toArray();
        int plane = scores.size(2) * scores.size(3);
        for (int n = 0; n < scores.size(0); n++) {
            for (int p = 0; p < plane; p++) {
                float truth = t[n * plane + p];
                if (truth == ignoreIndex) continue;
                if (!(truth >= 0 && truth < classes && truth == Math.rint(truth))) {
                    throw new IllegalArgumentException("SegmentationMetrics.add: targets must be classes in [0, " + classes
                            + ") or " + ignoreIndex + "; got " + truth + " in image " + n + ", pixel " + p);
                }
                int best = 0;
                float bestScore = s[(n * classes) * plane + p];
                for (int c = 1; c < classes; c++) {
                    float score = s[(n * classes + c) * plane + p];
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                confusion[(int) truth][best]++;
            }
        }
    }

    /** The confusion matrix so far: [true class][predicted class] pixel counts (a copy). */
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int c = 0; c < confusion.length; c++) copy[c] = confusion[c].clone();
        return copy;
    }

    /** The fraction of counted pixels whose class was predicted right; NaN before any. */
    public double pixelAccuracy() {
        long right = 0;
        long total = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
            for (long count : confusion[c]) total += count;
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** Each class's IoU, TP / (TP + FP + FN); NaN for a class neither present nor predicted. */
    public double[] iou() {
        int classes = confusion.length;
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            long truePositive = confusion[c][c];
            long union = -truePositive;
            for (int k = 0; k < classes; k++) union += confusion[c][k] + confusion[k][c];
            iou[c] = union == 0 ? Double.NaN : (double) truePositive / union;
        }
        return iou;
    }

    /** The mean IoU over the classes that occur (NaN ones left out, as torchmetrics and the FCN paper's code do). */
    public double meanIou() {
        double sum = 0;
        int count = 0;
        for (double value : iou()) {
            if (Double.isNaN(value)) continue;
            sum += value;
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
