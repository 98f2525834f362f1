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
}
