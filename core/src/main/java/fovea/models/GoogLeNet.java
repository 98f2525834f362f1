package fovea.models;

import fovea.nn.AdaptiveAvgPool2d;
import fovea.nn.Backbone;
import fovea.nn.BatchNorm2d;
import fovea.nn.Concat;
import fovea.nn.Conv2d;
import fovea.nn.Dropout;
import fovea.nn.Identity;
import fovea.nn.Linear;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Sequential;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * GoogLeNet, Inception v1 (Szegedy et al. 2014) in torchvision's layout: conv1-3 (conv + batch norm),
 * inception3a-5b, optional auxiliary classifiers aux1 and aux2 (used in training only), avgpool, dropout, fc.
 * {@link #call} gives the scores; {@link #outputs} gives the record with the auxiliary scores too, as torchvision's
 * {@code GoogLeNetOutputs}. Its stages (conv3 and every inception block) can be tapped.
 * Like torchvision, the "5x5" branch uses a 3x3 kernel. Images smaller than 64 pixels get a 3x3 stride-1
 * conv1 and no maxpool1/maxpool2.
 */
public final class GoogLeNet extends Module implements Backbone {
    private static final List<String> STAGES = List.of("conv3", "inception3a", "inception3b", "inception4a",
            "inception4b", "inception4c", "inception4d", "inception4e", "inception5a", "inception5b");

    private final Module conv1;
    private final Module maxpool1;
    private final Module conv2;
    private final Module conv3;
    private final Module maxpool2;
    private final Module[] inception3;
    private final Module maxpool3;
    private final Module[] inception4;
    private final Module maxpool4;
    private final Module[] inception5;
    private final Aux aux1;
    private final Aux aux2;
    private final AdaptiveAvgPool2d avgpool;
    private final Dropout dropout;
    private final Linear fc;

    /** GoogLeNet, with the two auxiliary classifiers when {@code auxLogits}. */
    public GoogLeNet(ModelConfig config, boolean auxLogits, RandomGenerator random) {
        boolean small = Math.min(config.height(), config.width()) < 64;
        conv1 = child("conv1", small ? basic(config.channels(), 64, 3, 1, 1, random) : basic(config.channels(), 64, 7, 2, 3, random));
        maxpool1 = child("maxpool1", small ? new Identity() : new MaxPool2d(3, 2, 0, true));
        conv2 = child("conv2", basic(64, 64, 1, 1, 0, random));
        conv3 = child("conv3", basic(64, 192, 3, 1, 1, random));
        maxpool2 = child("maxpool2", small ? new Identity() : new MaxPool2d(3, 2, 0, true));
        inception3 = new Module[] {child("inception3a", inception(192, 64, 96, 128, 16, 32, 32, random)),
            child("inception3b", inception(256, 128, 128, 192, 32, 96, 64, random))};
        maxpool3 = child("maxpool3", new MaxPool2d(3, 2, 0, true));
        inception4 = new Module[] {child("inception4a", inception(480, 192, 96, 208, 16, 48, 64, random)),
            child("inception4b", inception(512, 160, 112, 224, 24, 64, 64, random)),
            child("inception4c", inception(512, 128, 128, 256, 24, 64, 64, random)),
            child("inception4d", inception(512, 112, 144, 288, 32, 64, 64, random)),
            child("inception4e", inception(528, 256, 160, 320, 32, 128, 128, random))};
        maxpool4 = child("maxpool4", new MaxPool2d(2, 2, 0, true));
        inception5 = new Module[] {child("inception5a", inception(832, 256, 160, 320, 32, 128, 128, random)),
            child("inception5b", inception(832, 384, 192, 384, 48, 128, 128, random))};
        aux1 = auxLogits ? child("aux1", new Aux(512, config.classes(), random)) : null;
        aux2 = auxLogits ? child("aux2", new Aux(528, config.classes(), random)) : null;
        avgpool = child("avgpool", new AdaptiveAvgPool2d(1, 1));
        dropout = child("dropout", new Dropout(0.2f, random));
        fc = child("fc", new Linear(1024, config.classes(), random));
    }

    /** torchvision's BasicConv2d: conv (no bias), batch norm (eps 0.001), ReLU; children conv and bn. */
    private static Module basic(int in, int out, int kernel, int stride, int padding, RandomGenerator random) {
        return new BasicConv(ResNet.conv(in, out, kernel, stride, padding, 1, random), new BatchNorm2d(out, 1e-3f, 0.1f));
    }

    private static Module inception(int in, int c1, int c3r, int c3, int c5r, int c5, int pool, RandomGenerator random) {
        LinkedHashMap<String, Module> branches = new LinkedHashMap<>();
        branches.put("branch1", basic(in, c1, 1, 1, 0, random));
        branches.put("branch2", new Sequential(basic(in, c3r, 1, 1, 0, random), basic(c3r, c3, 3, 1, 1, random)));
        branches.put("branch3", new Sequential(basic(in, c5r, 1, 1, 0, random), basic(c5r, c5, 3, 1, 1, random)));
        branches.put("branch4", new Sequential(new MaxPool2d(3, 1, 1, true), basic(in, pool, 1, 1, 0, random)));
        return new Concat(branches);
    }

    /**
     * What the network computes: the scores, and in training mode with the auxiliary classifiers their scores
     * (aux1's after inception4a, aux2's after inception4d; empty in eval mode or without them).
     */
    public record Output(Tensor scores, List<Tensor> auxiliary) {
        /** Copies the list of auxiliary scores. */
        public Output {
            auxiliary = List.copyOf(auxiliary);
        }

        /** The paper's training loss: base(scores) + 0.3 base(aux) for each auxiliary classifier's scores. */
        public Tensor loss(BiFunction<Tensor, Tensor, Tensor> base, Tensor targets) {
            Tensor loss = base.apply(scores, targets);
            for (Tensor aux : auxiliary) loss = loss.add(base.apply(aux, targets).mul(0.3f));
            return loss;
        }
    }

    /** The scores and, in training mode, the auxiliary classifiers' scores for {@code x}. */
    public Output outputs(Tensor x) {
        List<Tensor> auxiliary = new ArrayList<>();
        Tensor y = trunk(x, auxiliary);
        return new Output(head(y), auxiliary);
    }

    @Override protected Tensor forward(Tensor x) {
        return head(trunk(x, null));
    }

    /** Through inception5b; the auxiliary scores go to {@code auxiliary} when it is given and the model trains. */
    private Tensor trunk(Tensor x, List<Tensor> auxiliary) {
        Tensor y = maxpool2.call(conv3.call(conv2.call(maxpool1.call(conv1.call(x)))));
        for (Module m : inception3) y = m.call(y);
        y = maxpool3.call(y);
        boolean withAuxiliary = auxiliary != null && isTraining();
        for (int i = 0; i < inception4.length; i++) {
            y = inception4[i].call(y);
            if (withAuxiliary && aux1 != null && i == 0) auxiliary.add(aux1.call(y));
            if (withAuxiliary && aux2 != null && i == 3) auxiliary.add(aux2.call(y));
        }
        y = maxpool4.call(y);
        for (Module m : inception5) y = m.call(y);
        return y;
    }

    private Tensor head(Tensor y) {
        return fc.call(dropout.call(avgpool.call(y).flatten(1, -1)));
    }

    @Override public List<String> stageNames() {
        return STAGES;
    }

    @Override public Map<String, Tensor> stages(Tensor x, String... names) {
        Tap tap = new Tap("GoogLeNet", STAGES, names);
        Tensor y = conv3.call(conv2.call(maxpool1.call(conv1.call(x))));
        if (tap.add("conv3", y)) return tap.outputs();
        y = maxpool2.call(y);
        for (int i = 0; i < inception3.length; i++) {
            y = inception3[i].call(y);
            if (tap.add(STAGES.get(1 + i), y)) return tap.outputs();
        }
        y = maxpool3.call(y);
        for (int i = 0; i < inception4.length; i++) {
            y = inception4[i].call(y);
            if (tap.add(STAGES.get(3 + i), y)) return tap.outputs();
        }
        y = maxpool4.call(y);
        for (int i = 0; i < inception5.length; i++) {
            y = inception5[i].call(y);
            if (tap.add(STAGES.get(8 + i), y)) return tap.outputs();
        }
        return tap.outputs();
    }

    /** conv then batch norm then ReLU, with torchvision's child names conv and bn. */
    static final class BasicConv extends Module {
        private final Conv2d conv;
        private final BatchNorm2d bn;

        BasicConv(Conv2d conv, BatchNorm2d bn) {
            this.conv = child("conv", conv);
            this.bn = child("bn", bn);
        }

        @Override protected Tensor forward(Tensor x) {
            return bn.call(conv.call(x)).relu();
        }
    }

    /** The auxiliary classifier: 4x4 average pool, 1x1 conv to 128, fc1 to 1024, dropout 0.7, fc2. */
    static final class Aux extends Module {
        private final AdaptiveAvgPool2d pool;
        private final Module conv;
        private final Linear fc1;
        private final Linear fc2;
        private final Dropout dropout;

        Aux(int in, int classes, RandomGenerator random) {
            pool = child("pool", new AdaptiveAvgPool2d(4, 4));
            conv = child("conv", basic(in, 128, 1, 1, 0, random));
            fc1 = child("fc1", new Linear(2048, 1024, random));
            fc2 = child("fc2", new Linear(1024, classes, random));
            dropout = child("dropout", new Dropout(0.7f, random));
        }

        @Override protected Tensor forward(Tensor x) {
            Tensor y = conv.call(pool.call(x)).flatten(1, -1);
            return fc2.call(dropout.call(fc1.call(y).relu()));
        }
    }
}
