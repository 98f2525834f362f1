package fovea.models;

import fovea.nn.Conv2d;
import fovea.nn.Flatten;
import fovea.nn.Linear;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * LeNet-5 (LeCun et al. 1998) as usually trained today: CONV5x6 (padding 2) - RELU - POOL - CONV5x16 - RELU -
 * POOL - FC120 - RELU - FC84 - RELU - FC(classes), with max pooling and ReLU for the original's subsampling and
 * squashing. Children: features.0-5, classifier.0-5.
 */
public final class LeNet5 extends Module {
    private final Sequential features;
    private final Sequential classifier;

    /** LeNet-5 for the given input and classes; images need at least 12x12 pixels. */
    public LeNet5(ModelConfig config, RandomGenerator random) {
        int h = (config.height() / 2 - 4) / 2;
        int w = (config.width() / 2 - 4) / 2;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("lenet5: input " + config.height() + "x" + config.width()
                    + " is too small; expected at least 12x12");
        }
        features = child("features", new Sequential(new Conv2d(config.channels(), 6, 5, 1, 2, random), new Relu(),
                new MaxPool2d(2), new Conv2d(6, 16, 5, 1, 0, random), new Relu(), new MaxPool2d(2)));
        classifier = child("classifier", new Sequential(new Flatten(), new Linear(16 * h * w, 120, random), new Relu(),
                new Linear(120, 84, random), new Relu(), new Linear(84, config.classes(), random)));
    }

    @Override protected Tensor forward(Tensor x) {
        return classifier.call(features.call(x));
    }
}
