package fovea.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.nn.Backbone;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Stages tapped by name, and GoogLeNet's record of scores and auxiliary scores. */
class BackboneTest {
    private static final ModelConfig SMALL = new ModelConfig(3, 32, 32, 10);

    /**
     * A stage's name is its module's dotted name, so each tapped output must be what that module produced during
     * an ordinary forward pass (the first time it ran): the oracle is an observer on the full model.
     */
    @TestFactory
    Stream<DynamicTest> everyStageIsItsModulesOutput() {
        // one model of each Backbone family: basic and bottleneck ResNets, ResNeXt, CIFAR ResNet, Inception, DenseNet, VGG
        return Stream.of("resnet18", "resnet50", "resnext50_32x4d", "resnet20", "googlenet_aux", "densenet121", "vgg11_bn")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Module model = Models.create(name, SMALL, new Generator(1));
                    assertTrue(model instanceof Backbone, name + " exposes its stages");
                    model.eval();
                    Tensor x = Tensor.randn(new Generator(2), 1, 3, 32, 32);
                    Map<Module, String> names = model.namedModules();
                    Map<String, Tensor> seen = new HashMap<>();
                    try (var ignored = GradMode.noGrad()) {
                        Module.observe((module, input, output) -> seen.putIfAbsent(names.get(module), output),
                                () -> model.call(x));
                        Backbone backbone = (Backbone) model;
                        List<String> stages = backbone.stageNames();
                        Map<String, Tensor> tapped = backbone.stages(x, stages.toArray(String[]::new));
                        assertEquals(stages, new ArrayList<>(tapped.keySet()), "every stage, in order");
                        for (String stage : stages) {
                            assertTrue(seen.containsKey(stage), name + ": no module named " + stage);
                            assertEquals(seen.get(stage).shape(), tapped.get(stage).shape(), stage);
                            assertArrayEquals(seen.get(stage).toArray(), tapped.get(stage).toArray(), 1e-5f, stage);
                        }
                    }
                }));
    }

    @Test void resnetStagesStopAtTheLastOneAskedFor() {
        Module resnet = Models.create("resnet18", new ModelConfig(3, 64, 64, 10), new Generator(1));
        Map<Module, String> names = resnet.namedModules();
        List<String> called = new ArrayList<>();
        Map<String, Tensor> maps = Module.observe((module, input, output) -> called.add(names.get(module)),
                () -> ((Backbone) resnet).stages(Tensor.randn(new Generator(2), 2, 3, 64, 64), "layer2", "relu"));
        assertEquals(List.of("relu", "layer2"), new ArrayList<>(maps.keySet()), "in stage order, not the order asked");
        assertEquals(Shape.of(2, 64, 32, 32), maps.get("relu").shape());
        assertEquals(Shape.of(2, 128, 8, 8), maps.get("layer2").shape());
        assertTrue(called.contains("layer2"));
        assertFalse(called.contains("layer3") || called.contains("fc"), "ran past layer2: " + called);
        var error = assertThrows(IllegalArgumentException.class,
                () -> ((Backbone) resnet).stages(Tensor.zeros(1, 3, 64, 64), "layer5"));
        assertEquals("ResNet.stages: expected stage names of [relu, layer1, layer2, layer3, layer4]; got 'layer5'",
                error.getMessage());
    }

    @Test void googlenetReturnsItsAuxiliaryScoresInTraining() {
        GoogLeNet net = (GoogLeNet) Models.create("googlenet_aux", SMALL, new Generator(1));
        Tensor x = Tensor.randn(new Generator(2), 2, 3, 32, 32);
        Tensor labels = Tensor.of(new float[] {3, 7}, 2);
        GoogLeNet.Output training = net.outputs(x);
        assertEquals(2, training.auxiliary().size(), "aux1 and aux2");
        for (Tensor aux : training.auxiliary()) assertEquals(Shape.of(2, 10), aux.shape());
        double expected = Losses.crossEntropy(training.scores(), labels).item()
                + 0.3 * Losses.crossEntropy(training.auxiliary().get(0), labels).item()
                + 0.3 * Losses.crossEntropy(training.auxiliary().get(1), labels).item();
        assertEquals(expected, training.loss(Losses::crossEntropy, labels).item(), 1e-5);

        net.eval();
        try (var ignored = GradMode.noGrad()) {
            GoogLeNet.Output evaluation = net.outputs(x);
            assertTrue(evaluation.auxiliary().isEmpty(), "no auxiliary scores in eval mode");
            assertArrayEquals(net.call(x).toArray(), evaluation.scores().toArray(), 0f, "call gives the scores");
        }
    }
}
