package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.optim.ReduceOnPlateau.Mode;
import fovea.optim.ReduceOnPlateau.ThresholdMode;
import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PyTorch's ReduceLROnPlateau rules, traced by hand: patience, modes, thresholds, cooldown and minLr. */
class ReduceOnPlateauTest {
    private static Sgd sgd(float lr) {
        return new Sgd(List.of(Tensor.zeros(1).requiresGrad(true)), Sgd.Config.defaults().withLr(lr));
    }

    /** Feeds the metrics and returns the rate after each. */
    private static float[] rates(ReduceOnPlateau plateau, Optimizer optimizer, float... metrics) {
        float[] out = new float[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            plateau.step(metrics[i]);
            out[i] = optimizer.lr();
        }
        return out;
    }

    @Test void dividesByTenWhenValidationAccuracyStopsImproving() {
        Sgd sgd = sgd(0.1f);
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd, ReduceOnPlateau.Config.defaults().withMode(Mode.MAX).withPatience(2));
        // best 0.5, 0.6, then 3 epochs without improvement: the third exceeds patience 2
        float[] got = rates(plateau, sgd, 0.5f, 0.6f, 0.6f, 0.59f, 0.6f, 0.7f, 0.7f);
        assertArrayEquals(
                new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.01f, 0.01f, 0.01f}, got, 1e-9f);
        assertEquals(0.7f, plateau.best(), 1e-7);
        assertEquals(1, plateau.badEpochs());
    }

    @Test void lossModeWithRelativeThreshold() {
        Sgd sgd = sgd(1f);
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd, ReduceOnPlateau.Config.defaults()
                .withPatience(1).withThreshold(0.1f, ThresholdMode.REL).withFactor(0.5f));
        // 0.95 is not below 1.0 * (1 - 0.1), so it is a bad epoch; two bad epochs exceed patience 1
        assertFalse(plateau.step(1f));
        assertFalse(plateau.step(0.95f));
        assertTrue(plateau.step(0.92f));
        assertEquals(0.5f, sgd.lr());
        assertFalse(plateau.step(0.8f));      // improves on 1.0 by more than 10%
        assertEquals(0.8, plateau.best(), 1e-6);
    }

    @Test void absoluteThresholdCooldownAndMinLr() {
        Sgd sgd = sgd(1f);
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd, ReduceOnPlateau.Config.defaults().withPatience(0)
                .withThreshold(0.5f, ThresholdMode.ABS).withCooldown(2).withMinLr(0.05f));
        // patience 0: every bad epoch outside the cooldown reduces; cooldown 2 ignores the next two
        float[] got = rates(plateau, sgd, 10f, 9.8f, 9.7f, 9.6f, 9.5f, 9.4f, 9.3f, 9.2f, 9.1f, 9.0f);
        assertArrayEquals(
                new float[] {1f, 0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f}, got, 1e-7f);
    }

    @Test void nanCountsAsNoImprovement() {
        Sgd sgd = sgd(1f);
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd, ReduceOnPlateau.Config.defaults().withPatience(0));
        plateau.step(1f);
        assertTrue(plateau.step(Float.NaN));
        assertEquals(0.1f, sgd.lr(), 1e-8);
    }

    @Test void settingsAreChecked() {
        assertEquals("ReduceOnPlateau: factor must be in [0, 1); got 1.0", assertThrows(IllegalArgumentException.class,
                () -> ReduceOnPlateau.Config.defaults().withFactor(1f)).getMessage());
        assertEquals("ReduceOnPlateau: patience and cooldown must be >= 0; got patience=-1, cooldown=0",
                assertThrows(IllegalArgumentException.class,
                        () -> ReduceOnPlateau.Config.defaults().withPatience(-1)).getMessage());
        assertEquals("ReduceOnPlateau: minLr must be a finite number >= 0; got -1.0", assertThrows(
                IllegalArgumentException.class, () -> ReduceOnPlateau.Config.defaults().withMinLr(-1)).getMessage());
        assertEquals(new ReduceOnPlateau.Config(Mode.MIN, 0.1f, 10, 1e-4f, ThresholdMode.REL, 0, 0f, 1e-8f),
                ReduceOnPlateau.Config.defaults());
    }

    @Test void reducesEveryGroupDownToMinLr() {
        Sgd sgd = new Sgd(fovea.optim.ParamGroups.of(ParamGroup.of(List.of(Tensor.zeros(1).requiresGrad(true))),
                ParamGroup.of(List.of(Tensor.zeros(1).requiresGrad(true))).withLr(0.1f)), Sgd.Config.defaults().withLr(1f));
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd, ReduceOnPlateau.Config.defaults().withPatience(0).withMinLr(0.05f));
        assertFalse(plateau.step(1f));
        assertTrue(plateau.step(2f));
        assertEquals(0.1f, sgd.lr(0), 1e-8);
        assertEquals(0.05f, sgd.lr(1), 1e-9, "0.01 is below minLr");
        assertTrue(plateau.step(2f), "group 0 still moves");
        assertEquals(0.05f, sgd.lr(0), 1e-9);
        assertEquals(0.05f, sgd.lr(1), 1e-9);
        assertFalse(plateau.step(2f), "both at minLr: nothing changes");
    }

    @Test void aRestoredDetectorKeepsItsPatience() {
        Sgd sgd = sgd(1f);
        ReduceOnPlateau.Config config = ReduceOnPlateau.Config.defaults().withPatience(2).withCooldown(1);
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd, config);
        rates(plateau, sgd, 5f, 4f, 4.5f, 4.2f);      // best 4, two bad epochs: one more reduces
        assertEquals(2, plateau.badEpochs());
        var saved = plateau.stateDict();
        assertEquals(4f, saved.get("best").item());

        Sgd other = sgd(1f);
        ReduceOnPlateau restored = new ReduceOnPlateau(other, config);
        restored.loadStateDict(saved);
        assertEquals(4.0, restored.best());
        float[] continued = rates(restored, other, 4.1f, 3.9f, 3.95f, 3.9f, 3.9f, 3.9f);
        // the third bad epoch reduces at once; after the cooldown, 3.9 improves on 4, then three more bad epochs
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.01f, 0.01f}, continued, 1e-9f);
        assertArrayEquals(rates(plateau, sgd, 4.1f, 3.9f, 3.95f, 3.9f, 3.9f, 3.9f), continued);
        assertEquals(plateau.badEpochs(), restored.badEpochs());

        var bad = new java.util.LinkedHashMap<>(saved);
        bad.put("num_bad_epochs", Tensor.scalar(1.5f));
        bad.put("best", Tensor.scalar(Float.NaN));
        assertEquals("""
                loadStateDict(ReduceOnPlateau): 2 problems
                  value: best must be a number; got NaN
                  value: num_bad_epochs must be a whole number >= 0; got 1.5""",
                assertThrows(IllegalArgumentException.class, () -> restored.loadStateDict(bad)).getMessage());
    }
}
