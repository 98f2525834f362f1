package fovea.models;

import fovea.nn.Backbone;
import fovea.nn.BatchNorm2d;
import fovea.nn.Conv2d;
import fovea.nn.Linear;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The CIFAR ResNets of He et al. 2015, section 4.2: a 3x3 conv of 16 filters, three stages of n basic blocks
 * with 16, 32 and 64 filters (depth 6n + 2: ResNet-20, 56, 110), global average pooling and one linear layer.
 * Shortcuts that change the shape are option A, parameter-free: subsample by 2 and pad the new channels with
 * zeros (0.27M parameters for ResNet-20, as in the paper). Its stages relu, layer1, layer2 and layer3 (strides 1, 1,
 * 2, 4) can be tapped.
 */
public final class CifarResNet extends Module implements Backbone {
    private static final List<String> STAGES = List.of("relu", "layer1", "layer2", "layer3");

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Relu relu;
    private final Sequential layer1;
    private final Sequential layer2;
    private final Sequential layer3;
    private final Linear linear;

    /** depth = 6n + 2. */
    public CifarResNet(int depth, ModelConfig config, RandomGenerator random) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("cifar resnet: depth must be 6n + 2 (20, 56, 110 ...); got " + depth);
        }
        int n = (depth - 2) / 6;
        conv1 = child("conv1", ResNet.conv(config.channels(), 16, 3, 1, 1, 1, random));
        bn1 = child("bn1", new BatchNorm2d(16));
        relu = child("relu", new Relu());
        layer1 = child("layer1", stage(16, 16, n, 1, random));
        layer2 = child("layer2", stage(16, 32, n, 2, random));
        layer3 = child("layer3", stage(32, 64, n, 2, random));
        linear = child("linear", new Linear(64, config.classes(), random));
    }

    private static Sequential stage(int in, int out, int blocks, int stride, RandomGenerator random) {
        Module[] modules = new Module[blocks];
        for (int b = 0; b < blocks; b++) modules[b] = new Block(b == 0 ? in : out, out, b == 0 ? stride : 1, random);
        return new Sequential(modules);
    }

    @Override protected Tensor forward(Tensor x) {
        Tensor y = relu.call(bn1.call(conv1.call(x)));
        y = layer3.call(layer2.call(layer1.call(y)));
        return linear.call(y.mean(new int[] {2, 3}, false));
    }

    @Override public List<String> stageNames() {
        return STAGES;
    }

    @Override public Map<String, Tensor> stages(Tensor x, String... names) {
        Tap tap = new Tap("CifarResNet", STAGES, names);
        Tensor y = relu.call(bn1.call(conv1.call(x)));
        if (tap.add("relu", y)) return tap.outputs();
        return tap.through(y, "layer", layer1, layer2, layer3);
    }

    /** conv1, bn1, relu, conv2, bn2 with an option-A shortcut. */
    static final class Block extends Module {
        private final Conv2d conv1;
        private final BatchNorm2d bn1;
        private final Relu relu;
        private final Conv2d conv2;
        private final BatchNorm2d bn2;
        private final int stride;
        private final int padChannels;

        Block(int in, int out, int stride, RandomGenerator random) {
            conv1 = child("conv1", ResNet.conv(in, out, 3, stride, 1, 1, random));
            bn1 = child("bn1", new BatchNorm2d(out));
            relu = child("relu", new Relu());
            conv2 = child("conv2", ResNet.conv(out, out, 3, 1, 1, 1, random));
            bn2 = child("bn2", new BatchNorm2d(out));
            this.stride = stride;
            this.padChannels = out - in;
        }

        @Override protected Tensor forward(Tensor x) {
            Tensor y = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(x)))));
            Tensor shortcut = x;
            if (stride != 1 || padChannels != 0) {
                shortcut = x.slice(2, 0, x.size(2), stride).slice(3, 0, x.size(3), stride)
                        .pad(new int[] {0, 0, 0, 0, padChannels / 2, padChannels - padChannels / 2}, 0f);
            }
            return relu.call(y.add(shortcut));
        }
    }
}
