package fovea.models;

import fovea.nn.AdaptiveAvgPool2d;
import fovea.nn.Backbone;
import fovea.nn.BatchNorm2d;
import fovea.nn.Conv2d;
import fovea.nn.Dropout;
import fovea.nn.Identity;
import fovea.nn.Linear;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** VGG-11/13/16/19 (Simonyan and Zisserman 2014), with or without batch norm, in torchvision's layout. */
public final class Vgg extends Module implements Backbone {
    private static final int M = 0;   // a max pool in the configurations below
    private static final int[][] CONFIGS = {
        {64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M},
        {64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M},
        {64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M},
        {64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M}};
    private final Sequential features;
    private final AdaptiveAvgPool2d avgpool;
    private final Sequential classifier;

    /** VGG with {@code depth} 11, 13, 16 or 19 weight layers, batch norm after each conv when asked. */
    public Vgg(int depth, boolean batchNorm, ModelConfig config, RandomGenerator random) {
        int[] layers = switch (depth) {
            case 11 -> CONFIGS[0];
            case 13 -> CONFIGS[1];
            case 16 -> CONFIGS[2];
            case 19 -> CONFIGS[3];
            default -> throw new IllegalArgumentException("vgg: depth must be 11, 13, 16 or 19; got " + depth);
        };
        List<Module> modules = new ArrayList<>();
        int channels = config.channels();
        int size = Math.min(config.height(), config.width());
        for (int width : layers) {
            if (width == M) {
                // on small images the last pools would leave no pixels: an identity keeps torchvision's indices
                modules.add(size >= 2 ? new MaxPool2d(2, 2, 0) : new Identity());
                size /= 2;
                continue;
            }
            modules.add(new Conv2d(channels, width, 3, 1, 1, random));
            if (batchNorm) modules.add(new BatchNorm2d(width));
            modules.add(new Relu());
            channels = width;
        }
        features = child("features", new Sequential(modules.toArray(Module[]::new)));
        avgpool = child("avgpool", new AdaptiveAvgPool2d(7, 7));
        classifier = child("classifier", new Sequential(new Linear(512 * 49, 4096, random), new Relu(),
                new Dropout(0.5f, random), new Linear(4096, 4096, random), new Relu(), new Dropout(0.5f, random),
                new Linear(4096, config.classes(), random)));
    }

    /** The layers of {@code features} under their state-dict names ({@code features.4}, ...). */
    @Override public List<String> stageNames() {
        return features.names().stream().map(n -> "features." + n).toList();
    }

    @Override public java.util.Map<String, Tensor> stages(Tensor x, String... names) {
        return features.stages("Vgg", "features.", x, names);
    }

    @Override protected Tensor forward(Tensor x) {
        return classifier.call(avgpool.call(features.call(x)).flatten(1, -1));
    }
}
