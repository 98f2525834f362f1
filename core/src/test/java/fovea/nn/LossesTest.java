package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.GradCheck;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Loss values by hand on small cases, and every loss and layer function against finite differences. */
class LossesTest {
    private final SplittableRandom random = new SplittableRandom(5);
    private final Tensor targets = Tensor.of(new float[] {2, 0, 1}, 3);

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, inputs);
        assertTrue(report.passed(), report::toString);
    }

    @Test void courseSvmExample() {
        // CS231n notes: scores [13, -7, 11], correct class 0, delta 10: max(0, -7-13+10) + max(0, 11-13+10) = 8
        Tensor scores = Tensor.of(new float[] {13, -7, 11}, 1, 3);
        assertEquals(8f, Losses.svmHinge(scores, Tensor.of(new float[] {0}, 1), 10f).item());
        assertEquals(64f, Losses.squaredSvmHinge(scores, Tensor.of(new float[] {0}, 1), 10f).item());
    }

    @Test void crossEntropyOfUniformScoresIsLogC() {
        assertEquals(Math.log(10), Losses.crossEntropy(Tensor.zeros(4, 10), Tensor.zeros(4)).item(), 1e-6);
    }

    @Test void attributeHinge() {
        Tensor scores = Tensor.of(new float[] {2, -0.5f, 0.3f}, 1, 3);
        Tensor labels = Tensor.of(new float[] {1, 1, -1}, 1, 3);
        assertEquals(0 + 1.5f + 1.3f, Losses.attributeHinge(scores, labels).item(), 1e-6);
    }

    @Test void penalties() {
        List<Tensor> weights = List.of(Tensor.of(new float[] {1, -2}, 2), Tensor.of(new float[] {3}, 1));
        assertEquals(0.5f * 14, Losses.l2Penalty(weights, 0.5f).item());
        assertEquals(0.5f * 6, Losses.l1Penalty(weights, 0.5f).item());
    }

    @Test void gradientsOfEveryLoss() {
        assertPasses(t -> Losses.crossEntropy(t[0], targets), Tensor.randn(random, 3, 4));
        assertPasses(t -> Losses.svmHinge(t[0], targets, 1f), Tensor.of(new float[] {0.1f, 2, 0.5f, -1, 0.3f, 3, 1.4f, 0.2f, -0.6f}, 3, 3));
        assertPasses(t -> Losses.squaredSvmHinge(t[0], targets, 1f), Tensor.of(new float[] {0.1f, 2, 0.5f, -1, 0.3f, 3, 1.4f, 0.2f, -0.6f}, 3, 3));
        assertPasses(t -> Losses.bceWithLogits(t[0], t[1]), Tensor.randn(random, 3, 2), Tensor.rand(random, 3, 2));
        assertPasses(t -> Losses.attributeHinge(t[0], Tensor.of(new float[] {1, -1, -1, 1}, 2, 2)), Tensor.of(new float[] {0.2f, 0.5f, -3, 0.7f}, 2, 2));
        assertPasses(t -> Losses.mse(t[0], t[1]), Tensor.randn(random, 3, 2), Tensor.randn(random, 3, 2));
        assertPasses(t -> Losses.l1(t[0], t[1]), Tensor.of(new float[] {1, 2, 3}, 3), Tensor.of(new float[] {0.5f, 2.5f, 1}, 3));
        assertPasses(t -> Losses.smoothL1(t[0], t[1], 1f), Tensor.of(new float[] {1, 2, 3}, 3), Tensor.of(new float[] {0.5f, 2.4f, 1}, 3));
        assertPasses(t -> Losses.klStandardNormal(t[0], t[1]), Tensor.randn(random, 3, 2), Tensor.randn(random, 3, 2));
        assertPasses(t -> Losses.l2Penalty(List.of(t[0]), 0.3f).add(Losses.l1Penalty(List.of(t[0]), 0.2f)), Tensor.of(new float[] {1, -2, 0.5f}, 3));
    }

    @Test void gradientsOfLayerFunctions() {
        Tensor awayFromZero = Tensor.of(new float[] {0.5f, -1, 2, -0.3f, 1.5f, -2, 0.8f, -0.7f, 0.2f, 1, -1.2f, 0.4f}, 2, 3, 2);
        assertPasses(t -> Functional.prelu(t[0], t[1]), awayFromZero, Tensor.of(new float[] {0.25f, 0.1f, 0.5f}, 3));
        assertPasses(t -> Functional.maxout(t[0], 2), Tensor.of(new float[] {1, 2, 5, 3, -1, 0.5f, 2, -2}, 2, 4));
        assertPasses(t -> Functional.batchNorm(t[0], t[1], t[2], null, null, true, 0.1f, 1e-5f),
                Tensor.randn(random, 4, 3, 2), Tensor.randn(random, 3), Tensor.randn(random, 3));
    }
}
