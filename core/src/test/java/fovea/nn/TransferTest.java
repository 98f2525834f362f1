package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freezing by module and by name, the trainable parameters, and replacing a head. */
class TransferTest {
    private final Generator random = new Generator(4);

    @Test void freezeAndUnfreeze() {
        Sequential model = new Sequential(new Linear(4, 8, random), new Relu(), new Linear(8, 3, random));
        model.layers().get(0).freeze();
        assertEquals(List.of(model.stateDict().get("2.weight"), model.stateDict().get("2.bias")), model.trainableParameters());
        Tensor loss = model.forward(Tensor.ones(2, 4)).sum();
        loss.backward();
        assertEquals(null, model.stateDict().get("0.weight").grad(), "a frozen layer gets no gradient");
        assertTrue(model.stateDict().get("2.weight").grad() != null);
        model.unfreeze();
        assertEquals(4, model.trainableParameters().size());
        assertEquals(2, model.freeze(".*\\.bias", true));
        assertFalse(model.stateDict().get("0.bias").requiresGrad());
        assertTrue(model.stateDict().get("0.weight").requiresGrad());
    }

    @Test void replaceTheHead() {
        Sequential classifier = new Sequential(new Linear(4, 8, random), new Relu(), new Linear(8, 10, random));
        Sequential model = new Sequential(new Flatten(), classifier);
        model.replace("1.2", new Linear(8, 5, random));
        assertEquals(Shape.of(3, 5), model.forward(Tensor.zeros(3, 4)).shape());
        assertEquals(Shape.of(5, 8), model.stateDict().get("1.2.weight").shape());
        var notSequential = assertThrows(IllegalArgumentException.class, () -> model.replace("1.2.weight", new Relu()));
        assertTrue(notSequential.getMessage().contains("expected a Sequential"), notSequential.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> model.replace("1.7", new Relu()));
        assertTrue(missing.getMessage().startsWith("replace: no module at \"1.7\""), missing.getMessage());
    }
}
