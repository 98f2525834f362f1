package fovea.models;

import fovea.nn.AdaptiveAvgPool2d;
import fovea.nn.Backbone;
import fovea.nn.BatchNorm2d;
import fovea.nn.Conv2d;
import fovea.nn.Identity;
import fovea.nn.Linear;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * ResNet-18/34/50/101/152 (He et al. 2015) and ResNeXt (Xie et al. 2016) in torchvision's layout: conv1, bn1,
 * relu, maxpool, layer1-4 of basic or bottleneck blocks, avgpool, fc. Images smaller than 64 pixels get the
 * CIFAR stem (a 3x3 stride-1 conv1 and no max pool); the parameter names stay the same. Its stages (the stem's
 * {@code relu}, {@code layer1} ... {@code layer4}, at strides 2, 4, 8, 16, 32 with the ImageNet stem) can be tapped.
 */
public final class ResNet extends Module implements Backbone {
    private static final List<String> STAGES = List.of("relu", "layer1", "layer2", "layer3", "layer4");

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Relu relu;
    private final Module maxpool;
    private final Sequential layer1;
    private final Sequential layer2;
    private final Sequential layer3;
    private final Sequential layer4;
    private final AdaptiveAvgPool2d avgpool;
    private final Linear fc;

    /** The block family, its depth per stage, and ResNeXt's groups and width per group (1 and 64 for ResNet). */
    public record Spec(boolean bottleneck, int[] blocks, int groups, int widthPerGroup) {}

    /** A ResNet or ResNeXt of the given spec. */
    public ResNet(Spec spec, ModelConfig config, RandomGenerator random) {
        boolean small = Math.min(config.height(), config.width()) < 64;
        conv1 = child("conv1", small ? conv(config.channels(), 64, 3, 1, 1, 1, random) : conv(config.channels(), 64, 7, 2, 3, 1, random));
        bn1 = child("bn1", new BatchNorm2d(64));
        relu = child("relu", new Relu());
        maxpool = child("maxpool", small ? new Identity() : new MaxPool2d(3, 2, 1));
        int expansion = spec.bottleneck() ? 4 : 1;
        int[] in = {64};
        layer1 = child("layer1", stage(spec, in, 64, spec.blocks()[0], 1, random));
        layer2 = child("layer2", stage(spec, in, 128, spec.blocks()[1], 2, random));
        layer3 = child("layer3", stage(spec, in, 256, spec.blocks()[2], 2, random));
        layer4 = child("layer4", stage(spec, in, 512, spec.blocks()[3], 2, random));
        avgpool = child("avgpool", new AdaptiveAvgPool2d(1, 1));
        fc = child("fc", new Linear(512 * expansion, config.classes(), random));
    }

    private static Sequential stage(Spec spec, int[] inChannels, int planes, int blocks, int stride, RandomGenerator random) {
        Module[] modules = new Module[blocks];
        int expansion = spec.bottleneck() ? 4 : 1;
        for (int b = 0; b < blocks; b++) {
            int s = b == 0 ? stride : 1;
            Sequential downsample = null;
            if (b == 0 && (stride != 1 || inChannels[0] != planes * expansion)) {
                downsample = new Sequential(conv(inChannels[0], planes * expansion, 1, stride, 0, 1, random),
                        new BatchNorm2d(planes * expansion));
            }
            modules[b] = spec.bottleneck()
                    ? new Bottleneck(inChannels[0], planes, s, downsample, spec.groups(), spec.widthPerGroup(), random)
                    : new BasicBlock(inChannels[0], planes, s, downsample, random);
            inChannels[0] = planes * expansion;
        }
        return new Sequential(modules);
    }

    /** A conv without bias (batch norm follows), as torchvision's conv3x3 and conv1x1. */
    static Conv2d conv(int in, int out, int kernel, int stride, int padding, int groups, RandomGenerator random) {
        return new Conv2d(in, out, Conv2d.Config.of(kernel).withStride(stride).withPadding(padding).withGroups(groups)
                .withBias(false), random);
    }

    @Override protected Tensor forward(Tensor x) {
        Tensor y = maxpool.call(relu.call(bn1.call(conv1.call(x))));
        y = layer4.call(layer3.call(layer2.call(layer1.call(y))));
        return fc.call(avgpool.call(y).flatten(1, -1));
    }

    @Override public List<String> stageNames() {
        return STAGES;
    }

    @Override public Map<String, Tensor> stages(Tensor x, String... names) {
        Tap tap = new Tap("ResNet", STAGES, names);
        Tensor y = relu.call(bn1.call(conv1.call(x)));
        if (tap.add("relu", y)) return tap.outputs();
        y = maxpool.call(y);
        return tap.through(y, "layer", layer1, layer2, layer3, layer4);
    }

    /** Two 3x3 convs with a shortcut: conv1, bn1, relu, conv2, bn2, downsample. */
    static final class BasicBlock extends Module {
        private final Conv2d conv1;
        private final BatchNorm2d bn1;
        private final Relu relu;
        private final Conv2d conv2;
        private final BatchNorm2d bn2;
        private final Module downsample;

        BasicBlock(int in, int planes, int stride, Module downsample, RandomGenerator random) {
            conv1 = child("conv1", conv(in, planes, 3, stride, 1, 1, random));
            bn1 = child("bn1", new BatchNorm2d(planes));
            relu = child("relu", new Relu());
            conv2 = child("conv2", conv(planes, planes, 3, 1, 1, 1, random));
            bn2 = child("bn2", new BatchNorm2d(planes));
            this.downsample = downsample == null ? null : child("downsample", downsample);
        }

        @Override protected Tensor forward(Tensor x) {
            Tensor y = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(x)))));
            return relu.call(y.add(downsample == null ? x : downsample.call(x)));
        }
    }

    /** 1x1 down, 3x3 (grouped for ResNeXt), 1x1 up by 4, with a shortcut: conv1-3, bn1-3, relu, downsample. */
    static final class Bottleneck extends Module {
        private final Conv2d conv1;
        private final BatchNorm2d bn1;
        private final Conv2d conv2;
        private final BatchNorm2d bn2;
        private final Conv2d conv3;
        private final BatchNorm2d bn3;
        private final Relu relu;
        private final Module downsample;

        Bottleneck(int in, int planes, int stride, Module downsample, int groups, int widthPerGroup, RandomGenerator random) {
            int width = planes * widthPerGroup / 64 * groups;
            conv1 = child("conv1", conv(in, width, 1, 1, 0, 1, random));
            bn1 = child("bn1", new BatchNorm2d(width));
            conv2 = child("conv2", conv(width, width, 3, stride, 1, groups, random));
            bn2 = child("bn2", new BatchNorm2d(width));
            conv3 = child("conv3", conv(width, planes * 4, 1, 1, 0, 1, random));
            bn3 = child("bn3", new BatchNorm2d(planes * 4));
            relu = child("relu", new Relu());
            this.downsample = downsample == null ? null : child("downsample", downsample);
        }

        @Override protected Tensor forward(Tensor x) {
            Tensor y = relu.call(bn1.call(conv1.call(x)));
            y = relu.call(bn2.call(conv2.call(y)));
            y = bn3.call(conv3.call(y));
            return relu.call(y.add(downsample == null ? x : downsample.call(x)));
        }
    }
}
