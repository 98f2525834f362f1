package fovea.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.nn.Module;
import fovea.nn.Summary;
import fovea.tensor.Generator;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The course's pattern becomes the model it describes; a malformed one is pointed at. */
class ArchitecturePatternTest {
    @Test void theIssuesExample() {
        Module model = ArchitecturePattern.parse("[(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10",
                ModelConfig.fashionMnist(), new Generator(1));
        Summary summary = Summary.of("arch", model, 1, 28, 28);
        assertEquals(List.of("Conv2d", "Relu", "Conv2d", "Relu", "MaxPool2d", "Conv2d", "Relu", "Conv2d", "Relu",
                "MaxPool2d", "Flatten", "Linear", "Relu", "Linear"), summary.rows().stream().map(Summary.Row::type).toList());
        assertEquals(Shape.of(1, 32, 7, 7), summary.rows().get(9).output());
        long expected = (9 * 32 + 32) + (9 * 32 * 32 + 32) * 3 + (32 * 49 * 128 + 128) + (128 * 10 + 10);
        assertEquals(expected, model.parameterCount());
        assertEquals(Shape.of(4, 10), model.call(Tensor.zeros(4, 1, 28, 28)).shape());
    }

    @Test void batchNormDropoutAndSoftmax() {
        Module model = ArchitecturePattern.parse("(conv5x8-bn-relu-pool)*2-fc64-bn-relu-dropout50-fc10-softmax",
                ModelConfig.fashionMnist(), new Generator(1));
        assertEquals(Shape.of(2, 10), model.call(Tensor.zeros(2, 1, 28, 28)).shape());
    }

    @Test void malformedPatternsPointAtThePosition() {
        assertError("arch: expected ')' at position 22\n  (CONV3x32-RELU*2-POOL\n                       ^", "(CONV3x32-RELU*2-POOL");
        assertError("arch: expected CONVkxF such as CONV3x32 at position 1\n  CONVX-FC10\n  ^", "CONVX-FC10");
        assertError("arch: unknown layer 'FOO'; expected CONVkxF, RELU, POOL, BN, DROPOUTp, FCn or SOFTMAX at position 6\n  RELU-FOO-FC10\n       ^", "RELU-FOO-FC10");
        assertError("arch: expected a repeat count after '*' at position 8\n  (RELU)*-FC10\n         ^", "(RELU)*-FC10");
        assertError("arch: the pattern must end in FC10 (one output per class); it ends in 128 features at position 6\n"
                + "  FC128\n       ^", "FC128");
        assertError("arch: expected a layer or a group, found the end at position 6\n  FC10-\n       ^", "FC10-");
        assertError("arch: POOL after FC at position 15\n  CONV3x32-FC10-POOL\n                ^", "CONV3x32-FC10-POOL");
    }

    private static void assertError(String message, String pattern) {
        var error = assertThrows(IllegalArgumentException.class,
                () -> ArchitecturePattern.parse(pattern, ModelConfig.fashionMnist(), new Generator(1)));
        assertEquals(message, error.getMessage());
    }
}
