package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each initialization has the mean, spread and bounds its formula promises. */
class InitTest {
    private final SplittableRandom random = new SplittableRandom(11);

    private static void assertStd(double expected, Tensor t) {
        assertEquals(0, t.mean().item(), 0.05 * expected + 1e-4);
        assertEquals(expected, Math.sqrt(t.var().item()), 0.03 * expected);
    }

    @Test void fansFollowPyTorch() {
        assertEquals(784, Init.fanIn(512, 784));
        assertEquals(512, Init.fanOut(512, 784));
        assertEquals(3 * 25, Init.fanIn(6, 3, 5, 5));
        assertEquals(6 * 25, Init.fanOut(6, 3, 5, 5));
    }

    @Test void spreads() {
        assertStd(0.01, Init.smallGaussian(random, 200, 100));
        assertStd(Math.sqrt(2.0 / 300), Init.xavierNormal(random, 1f, 200, 100));
        assertStd(Math.sqrt(2.0 / 300), Init.xavierUniform(random, 1f, 200, 100));
        assertStd(Math.sqrt(2.0 / 100), Init.kaimingNormal(random, Init.gain("relu"), 200, 100));
        assertStd(Math.sqrt(2.0 / 100), Init.kaimingUniform(random, Init.gain("relu"), 200, 100));
        float bound = (float) Math.sqrt(6.0 / 300);
        assertTrue(Init.xavierUniform(random, 1f, 200, 100).abs().max().item() <= bound);
        assertEquals(3f, Init.constant(3f, 4).mean().item());
        assertEquals(0f, Init.zeros(4).abs().sum().item());
    }

    @Test void sparseZeroesTheFractionOfEachColumn() {
        Tensor w = Init.sparse(random, 0.9f, 0.01f, 20, 30);
        Tensor zerosPerColumn = w.eq(0f).sum(0, false);
        for (float count : zerosPerColumn.toArray()) assertEquals(18f, count);
    }
}
