package fovea.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.nn.Module;
import fovea.nn.Summary;
import fovea.tensor.Generator;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry builds each model for a configuration, and names the legal models on a typo. */
class ModelsTest {
    @Test void mlpIs784_512_10() {
        Module mlp = Models.create("mlp", ModelConfig.fashionMnist(), new Generator(1));
        assertEquals(784 * 512 + 512 + 512 * 10 + 10, mlp.parameterCount());
        assertEquals(Shape.of(3, 10), mlp.call(Tensor.zeros(3, 1, 28, 28)).shape());
        Summary summary = Summary.of("mlp", mlp, 1, 28, 28);
        assertEquals(List.of("0", "1", "2", "3"), summary.rows().stream().map(Summary.Row::name).toList());
        assertEquals(Shape.of(1, 512), summary.rows().get(1).output());
        assertEquals(784 * 512 + 512, summary.rows().get(1).params());
        assertEquals(mlp.parameterCount(), summary.params());
    }

    @Test void unknownNameListsTheLegalOnes() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> Models.create("resnet", ModelConfig.fashionMnist(), new Generator(1)));
        assertTrue(error.getMessage().startsWith("models: unknown model \"resnet\"; expected one of softmax, mlp, lenet5, "),
                error.getMessage());
    }
}
