package fovea.models;

import fovea.nn.AdaptiveAvgPool2d;
import fovea.nn.Conv2d;
import fovea.nn.Dropout;
import fovea.nn.Flatten;
import fovea.nn.Linear;
import fovea.nn.LocalResponseNorm;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * AlexNet in torchvision's layout (features, avgpool to 6x6, classifier; so torchvision's weights load), and
 * ZFNet (Zeiler and Fergus 2013): AlexNet with a 7x7 stride-2 first layer, a stride-2 second layer and local
 * response normalization. Images smaller than 64 pixels get a 3x3 stride-1 first layer, so that the pooling
 * still has pixels to work on; the parameter names stay the same.
 */
public final class AlexNet extends Module {
    private final Sequential features;
    private final AdaptiveAvgPool2d avgpool;
    private final Sequential classifier;

    private AlexNet(Sequential features, int featureChannels, int classes, RandomGenerator random) {
        this.features = child("features", features);
        this.avgpool = child("avgpool", new AdaptiveAvgPool2d(6, 6));
        this.classifier = child("classifier", new Sequential(new Dropout(0.5f, random),
                new Linear(featureChannels * 36, 4096, random), new Relu(), new Dropout(0.5f, random),
                new Linear(4096, 4096, random), new Relu(), new Linear(4096, classes, random)));
    }

    /** torchvision's alexnet. */
    public static AlexNet alexnet(ModelConfig config, RandomGenerator random) {
        boolean small = Math.min(config.height(), config.width()) < 64;
        Conv2d first = small ? new Conv2d(config.channels(), 64, 3, 1, 1, random)
                : new Conv2d(config.channels(), 64, 11, 4, 2, random);
        Sequential features = new Sequential(first, new Relu(), new MaxPool2d(3, 2, 0),
                new Conv2d(64, 192, 5, 1, 2, random), new Relu(), new MaxPool2d(3, 2, 0),
                new Conv2d(192, 384, 3, 1, 1, random), new Relu(), new Conv2d(384, 256, 3, 1, 1, random), new Relu(),
                new Conv2d(256, 256, 3, 1, 1, random), new Relu(), new MaxPool2d(3, 2, 0));
        return new AlexNet(features, 256, config.classes(), random);
    }

    /** ZFNet: 96 7x7/2, pool, LRN, 256 5x5/2, pool, LRN, 384, 384, 256 3x3, pool, then AlexNet's classifier. */
    public static AlexNet zfnet(ModelConfig config, RandomGenerator random) {
        boolean small = Math.min(config.height(), config.width()) < 64;
        Conv2d first = small ? new Conv2d(config.channels(), 96, 3, 1, 1, random)
                : new Conv2d(config.channels(), 96, 7, 2, 1, random);
        Conv2d second = small ? new Conv2d(96, 256, 5, 1, 2, random) : new Conv2d(96, 256, 5, 2, 0, random);
        Sequential features = new Sequential(first, new Relu(), new MaxPool2d(3, 2, 1), new LocalResponseNorm(5),
                second, new Relu(), new MaxPool2d(3, 2, 1), new LocalResponseNorm(5),
                new Conv2d(256, 384, 3, 1, 1, random), new Relu(), new Conv2d(384, 384, 3, 1, 1, random), new Relu(),
                new Conv2d(384, 256, 3, 1, 1, random), new Relu(), new MaxPool2d(3, 2, 0));
        return new AlexNet(features, 256, config.classes(), random);
    }

    @Override protected Tensor forward(Tensor x) {
        return classifier.call(avgpool.call(features.call(x)).flatten(1, -1));
    }
}
