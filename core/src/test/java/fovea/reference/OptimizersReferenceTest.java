package fovea.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases of optimizers.json. The optimizers themselves come with the training issue, so every known case
 * is reported as skipped by name until then; a case naming an unknown optimizer fails.
 */
class OptimizersReferenceTest {
    static final List<String> PENDING = List.of("sgd", "sgd_momentum", "sgd_nesterov", "sgd_weight_decay",
            "adagrad", "rmsprop", "adam", "adamw", "adadelta");

    @TestFactory
    Stream<DynamicTest> optimizersJson() {
        List<Map<String, Object>> cases = ReferenceCases.cases("optimizers.json");
        assertFalse(cases.isEmpty(), "optimizers.json holds no cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            String name = (String) c.get("name");
            if (!PENDING.contains(name)) {
                fail("reference optimizer case '" + name + "' has no mapping; expected one of " + PENDING);
            }
            Assumptions.abort("pending optimizer '" + name + "': comes with the training issue (fovea.optim)");
        }));
    }
}
