package fovea.models;

import fovea.nn.AvgPool2d;
import fovea.nn.Backbone;
import fovea.nn.BatchNorm2d;
import fovea.nn.Conv2d;
import fovea.nn.DenseBlock;
import fovea.nn.Identity;
import fovea.nn.Linear;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;

/**
 * DenseNet-BC (Huang et al. 2016) in torchvision's layout: features (conv0, norm0, relu0, pool0, denseblock1,
 * transition1, ..., denseblock4, norm5), then ReLU, global average pooling and the classifier. Growth rate 32,
 * bottleneck width 4 x growth, compression 0.5. Images smaller than 64 pixels get a 3x3 stride-1 conv0 and no
 * pool0; the parameter names stay the same.
 */
public final class DenseNet extends Module implements Backbone {
    private static final int GROWTH = 32;
    private static final int BOTTLENECK = 4;
    private final Sequential features;
    private final Linear classifier;

    /** DenseNet with the given number of layers per block: (6, 12, 24, 16) for 121, (6, 12, 32, 32) for 169. */
    public DenseNet(int[] blockLayers, ModelConfig config, RandomGenerator random) {
        boolean small = Math.min(config.height(), config.width()) < 64;
        LinkedHashMap<String, Module> named = new LinkedHashMap<>();
        int channels = 2 * GROWTH;
        named.put("conv0", small ? ResNet.conv(config.channels(), channels, 3, 1, 1, 1, random)
                : ResNet.conv(config.channels(), channels, 7, 2, 3, 1, random));
        named.put("norm0", new BatchNorm2d(channels));
        named.put("relu0", new Relu());
        named.put("pool0", small ? new Identity() : new MaxPool2d(3, 2, 1));
        for (int b = 0; b < blockLayers.length; b++) {
            LinkedHashMap<String, Module> layers = new LinkedHashMap<>();
            for (int l = 0; l < blockLayers[b]; l++) {
                layers.put("denselayer" + (l + 1), denseLayer(channels + l * GROWTH, random));
            }
            named.put("denseblock" + (b + 1), new DenseBlock(layers));
            channels += blockLayers[b] * GROWTH;
            if (b < blockLayers.length - 1) {
                LinkedHashMap<String, Module> transition = new LinkedHashMap<>();
                transition.put("norm", new BatchNorm2d(channels));
                transition.put("relu", new Relu());
                transition.put("conv", ResNet.conv(channels, channels / 2, 1, 1, 0, 1, random));
                transition.put("pool", new AvgPool2d(2, 2, 0));
                named.put("transition" + (b + 1), new Sequential(transition));
                channels /= 2;
            }
        }
        named.put("norm5", new BatchNorm2d(channels));
        features = child("features", new Sequential(named));
        classifier = child("classifier", new Linear(channels, config.classes(), random));
    }

    /** norm1, relu1, conv1 (1x1 to 128), norm2, relu2, conv2 (3x3 to the growth rate). */
    private static Sequential denseLayer(int in, RandomGenerator random) {
        LinkedHashMap<String, Module> layer = new LinkedHashMap<>();
        layer.put("norm1", new BatchNorm2d(in));
        layer.put("relu1", new Relu());
        layer.put("conv1", ResNet.conv(in, BOTTLENECK * GROWTH, 1, 1, 0, 1, random));
        layer.put("norm2", new BatchNorm2d(BOTTLENECK * GROWTH));
        layer.put("relu2", new Relu());
        layer.put("conv2", ResNet.conv(BOTTLENECK * GROWTH, GROWTH, 3, 1, 1, 1, random));
        return new Sequential(layer);
    }

    /** The layers of {@code features} under their state-dict names ({@code features.denseblock1}, ...). */
    @Override public java.util.List<String> stageNames() {
        return features.names().stream().map(n -> "features." + n).toList();
    }

    @Override public java.util.Map<String, Tensor> stages(Tensor x, String... names) {
        return features.stages("DenseNet", "features.", x, names);
    }

    @Override protected Tensor forward(Tensor x) {
        return classifier.call(features.call(x).relu().mean(new int[] {2, 3}, false));
    }
}
