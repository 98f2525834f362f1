package fovea.cli.classic;

import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.tensor.Tensor;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Fashion-MNIST as the classic pipeline uses it: each image one row of 784 features, labels as {@code int[]}, the
 * first {@code limitTrain} training and {@code limitTest} test images. Pixels are raw (whole numbers 0-255, what
 * scikit-learn is given) or scaled to [0, 1].
 */
record ClassicData(FashionMnist.Found found, Tensor trainFeatures, int[] trainLabels, Tensor testFeatures, int[] testLabels) {
    static ClassicData load(CommandSpec spec, DataOptions data, Integer limitTrain, Integer limitTest, boolean raw)
            throws IOException {
        checkLimits(spec, limitTrain, limitTest);
        FashionMnist.Found found = data.find();
        TensorDataset train = FashionMnist.readTraining(found.folder());
        TensorDataset test = FashionMnist.readTest(found.folder());
        int trainSize = limitTrain == null ? train.size() : Math.min(limitTrain, train.size());
        int testSize = limitTest == null ? test.size() : Math.min(limitTest, test.size());
        return new ClassicData(found, rows(train.features(), trainSize, raw), labels(train, trainSize),
                rows(test.features(), testSize, raw), labels(test, testSize));
    }

    /** A usage error unless the limits given are >= 1; the commands call it before they read anything. */
    static void checkLimits(CommandSpec spec, Integer limitTrain, Integer limitTest) {
        if (limitTrain != null) Cli.atLeast(spec, "--limit-train", limitTrain, 1);
        if (limitTest != null) Cli.atLeast(spec, "--limit-test", limitTest, 1);
    }

    /** True when the data is the small sample shipped with Fovea. */
    boolean sample() {
        return found.source() == FashionMnist.Source.SAMPLE;
    }

    String datasetName() {
        return sample() ? "fashion-mnist-sample" : "fashion-mnist";
    }

    private static Tensor rows(Tensor images, int count, boolean raw) {
        float[] values = images.slice(0, 0, count).toArray();
        // the reader divides the bytes by 255; multiplying back and rounding recovers them exactly
        if (raw) for (int i = 0; i < values.length; i++) values[i] = Math.round(values[i] * 255f);
        return Tensor.of(values, count, values.length / Math.max(1, count));
    }

    private static int[] labels(TensorDataset data, int count) {
        float[] values = data.labels().toArray();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = (int) values[i];
        return labels;
    }
}
