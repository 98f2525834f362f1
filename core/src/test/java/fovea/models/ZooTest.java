package fovea.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.io.Json;
import fovea.nn.Module;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The zoo against torchvision: in the ImageNet configuration each model has torchvision's parameter count and
 * exactly its state-dict keys and shapes (torchvision_models.json.gz, written by make_torchvision_reference.py
 * beside it), and every model runs forward on small images.
 */
class ZooTest {
    private static final ModelConfig IMAGENET = new ModelConfig(3, 224, 224, 1000);

    record Reference(long params, List<String> state) {}

    private static Map<String, Reference> references() throws IOException {
        try (InputStream in = new GZIPInputStream(ZooTest.class.getResourceAsStream("torchvision_models.json.gz"))) {
            Map<?, ?> root = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "torchvision_models.json.gz");
            Map<String, Reference> out = new java.util.LinkedHashMap<>();
            ((Map<?, ?>) root.get("models")).forEach((name, value) -> {
                Map<?, ?> model = (Map<?, ?>) value;
                List<String> state = new ArrayList<>();
                for (Object entry : (List<?>) model.get("state")) {
                    List<?> keyAndShape = (List<?>) entry;
                    int[] dims = ((List<?>) keyAndShape.get(1)).stream().mapToInt(d -> ((Double) d).intValue()).toArray();
                    state.add(keyAndShape.get(0) + " " + Shape.of(dims));
                }
                out.put((String) name, new Reference(((Double) model.get("params")).longValue(), state));
            });
            return out;
        }
    }

    @TestFactory
    Stream<DynamicTest> imagenetConfigurationsMatchTorchvision() throws IOException {
        Map<String, Reference> references = references();
        assertEquals(20, references.size(), "models in the reference file");
        return references.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Module model = Models.create(e.getKey(), IMAGENET, new Generator(1));
            List<String> state = new ArrayList<>();
            model.stateDict().forEach((key, tensor) -> state.add(key + " " + tensor.shape()));
            assertEquals(e.getValue().state(), state, e.getKey() + ": state-dict keys and shapes");
            assertEquals(e.getValue().params(), model.parameterCount(), e.getKey() + ": parameters");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyModelRunsOnSmallImages() {
        ModelConfig small = new ModelConfig(3, 32, 32, 10);
        return Models.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
            Module model = Models.create(entry.name(), small, new Generator(2));
            Tensor x = Tensor.randn(new Generator(3), 2, 3, 32, 32);
            Tensor y = model.call(x);
            assertEquals(Shape.of(2, 10), y.shape());
            model.eval();
            try (var ignored = GradMode.noGrad()) {
                assertEquals(Shape.of(2, 10), model.call(x).shape());
            }
        }));
    }

    @Test void cifarResNetsHaveThePapersSizes() {
        ModelConfig cifar = new ModelConfig(3, 32, 32, 10);
        assertEquals(269_722, Models.create("resnet20", cifar, new Generator(1)).parameterCount());
        assertEquals(853_018, Models.create("resnet56", cifar, new Generator(1)).parameterCount());
        assertEquals(1_727_962, Models.create("resnet110", cifar, new Generator(1)).parameterCount());
    }

    @Test void lenet5OnFashionMnist() {
        Module lenet = Models.create("lenet5", ModelConfig.fashionMnist(), new Generator(1));
        assertEquals(61_706, lenet.parameterCount());
        assertTrue(lenet.stateDict().containsKey("classifier.5.weight"));
        assertEquals(Shape.of(10, 84), lenet.stateDict().get("classifier.5.weight").shape());
    }
}
