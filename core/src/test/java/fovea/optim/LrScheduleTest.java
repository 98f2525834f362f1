package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The closed-form schedules against PyTorch's documented sequences and hand-computed values, and LrScheduler: per epoch
 * and per step, on every group from its own initial rate, and resumed from a checkpoint.
 */
class LrScheduleTest {
    private static void assertRates(LrSchedule schedule, int[] epochs, double[] expected) {
        for (int i = 0; i < epochs.length; i++) {
            assertEquals(expected[i], schedule.lr(epochs[i]), 1e-6 * expected[i] + 1e-9, schedule + " at epoch " + epochs[i]);
        }
    }

    @Test void stepLrMatchesPyTorchsDocs() {
        // docs: lr = 0.05 if epoch < 30, 0.005 if 30 <= epoch < 60, 0.0005 if 60 <= epoch < 90
        assertRates(new StepLr(0.05f, 30, 0.1f), new int[] {0, 29, 30, 59, 60, 89},
                new double[] {0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005});
        assertEquals(new StepLr(0.05f, 30, 0.1f), new StepLr(0.05f, 30));
    }

    @Test void multiStepLrMatchesPyTorchsDocs() {
        // docs, milestones [30, 80]: 0.05 if epoch < 30, 0.005 if 30 <= epoch < 80, 0.0005 if epoch >= 80
        assertRates(new MultiStepLr(0.05f, List.of(30, 80), 0.1f), new int[] {0, 29, 30, 79, 80, 200},
                new double[] {0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005});
    }

    @Test void exponentialLr() {
        assertRates(new ExponentialLr(0.1f, 0.5f), new int[] {0, 1, 2, 5}, new double[] {0.1, 0.05, 0.025, 0.003125});
    }

    @Test void polynomialLrMatchesPyTorchsDocs() {
        // docs, totalIters 4, power 1: 0.001, 0.00075, 0.0005, 0.00025, then 0
        assertRates(new PolynomialLr(0.001f, 4, 1f), new int[] {0, 1, 2, 3, 4, 10},
                new double[] {0.001, 0.00075, 0.0005, 0.00025, 0, 0});
        assertRates(new PolynomialLr(1f, 4, 2f), new int[] {1, 2}, new double[] {0.5625, 0.25});
        assertEquals(new PolynomialLr(0.1f, 5, 1f), new PolynomialLr(0.1f));
    }

    @Test void cosineAnnealingLrClosedForm() {
        // etaMin + (base - etaMin)(1 + cos(pi t / T)) / 2 with base 0.1, etaMin 0.01, T 10
        assertRates(new CosineAnnealingLr(0.1f, 10, 0.01f), new int[] {0, 5, 10, 15, 20},
                new double[] {0.1, 0.055, 0.01, 0.055, 0.1});
        assertRates(new CosineAnnealingLr(1f, 4), new int[] {1, 3}, new double[] {(1 + Math.sqrt(0.5)) / 2, (1 - Math.sqrt(0.5)) / 2});
    }

    @Test void linearWarmupStandaloneMatchesPyTorchsLinearLrDocs() {
        // docs, LinearLR(startFactor 0.5, totalIters 4) on 0.05: 0.025, 0.03125, 0.0375, 0.04375, then 0.05
        assertRates(LinearWarmup.toConstant(0.05f, 4, 0.5f), new int[] {0, 1, 2, 3, 4, 100},
                new double[] {0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05});
    }

    @Test void linearWarmupThenAnotherScheduleFromItsEpochZero() {
        LinearWarmup warmup = new LinearWarmup(new CosineAnnealingLr(0.1f, 10), 5, 0.1f);
        assertRates(warmup, new int[] {0, 1, 4, 5, 10, 15}, new double[] {0.01, 0.028, 0.082, 0.1, 0.05, 0});
    }

    @Test void lrSchedulerSetsTheRateOncePerEpoch() {
        Sgd sgd = new Sgd(List.of(Tensor.zeros(1).requiresGrad(true)), Sgd.Config.defaults().withLr(0.05f));
        LrScheduler scheduler = new LrScheduler(sgd, new StepLr(0.05f, 2, 0.1f));
        assertEquals(0, scheduler.epoch());
        float[] seen = new float[5];
        for (int epoch = 0; epoch < 5; epoch++) {
            seen[epoch] = sgd.lr();
            scheduler.step();
        }
        assertEquals(5, scheduler.epoch());
        assertArrayEquals(new float[] {0.05f, 0.05f, 0.005f, 0.005f, 5e-4f}, seen, 1e-9f);
        scheduler.setEpoch(1);
        assertEquals(0.05f, sgd.lr());
    }

    @Test void settingsAndEpochsAreChecked() {
        assertEquals("StepLr: stepSize must be > 0; got 0",
                assertThrows(IllegalArgumentException.class, () -> new StepLr(0.1f, 0)).getMessage());
        assertEquals("MultiStepLr: milestones must be > 0 and increasing; got [30, 10]",
                assertThrows(IllegalArgumentException.class, () -> new MultiStepLr(0.1f, List.of(30, 10), 0.1f)).getMessage());
        assertEquals("ExponentialLr: gamma must be a finite number >= 0; got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialLr(0.1f, -0.5f)).getMessage());
        assertEquals("CosineAnnealingLr: tMax must be > 0; got -1",
                assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLr(0.1f, -1)).getMessage());
        assertEquals("LinearWarmup: startFactor must be in (0, 1]; got 0.0",
                assertThrows(IllegalArgumentException.class, () -> LinearWarmup.toConstant(0.1f, 5, 0f)).getMessage());
        assertEquals("PolynomialLr: epoch must be >= 0; got -1",
                assertThrows(IllegalArgumentException.class, () -> new PolynomialLr(0.1f).lr(-1)).getMessage());
    }

    private static Tensor param(float value) {
        return Tensor.of(new float[] {value}).requiresGrad(true);
    }

    /** The warm-up then cosine of the test below for a group starting at base, written out: etaMin 0.001 is absolute. */
    private static double warmupCosine(double base, int t) {
        if (t < 4) return base * (0.25 + 0.75 * t / 4);
        return 0.001 + (base - 0.001) * (1 + Math.cos(Math.PI * (t - 4) / 8)) / 2;
    }

    @Test void perStepScheduleActsOnEveryGroupFromItsInitialRate() {
        Tensor a = param(1f);
        Tensor b = param(1f);
        Sgd sgd = new Sgd(ParamGroups.of(ParamGroup.of(List.of(a)).withLr(0.1f), ParamGroup.of(List.of(b)).withLr(0.01f)),
                Sgd.Config.defaults().withLr(1f));
        // the schedule's own base (0.5) is only for lr(t) alone: a scheduler puts each group's initial rate in its place
        LinearWarmup schedule = new LinearWarmup(new CosineAnnealingLr(0.5f, 8, 0.001f), 4, 0.25f);
        LrScheduler scheduler = new LrScheduler(sgd, schedule, LrScheduler.Interval.STEP);
        assertEquals(LrScheduler.Interval.STEP, scheduler.interval());
        for (int step = 0; step <= 12; step++) {
            assertEquals(warmupCosine(0.1, step), sgd.lr(0), 1e-7, "group 0 at step " + step);
            assertEquals(warmupCosine(0.01, step), sgd.lr(1), 1e-8, "group 1 at step " + step);
            float before = a.item();
            sgd.zeroGrad();
            a.mul(a).add(b.mul(b)).sum().backward();
            sgd.step();
            assertEquals(before - sgd.lr(0) * 2 * before, a.item(), 1e-6, "the step uses the scheduled rate");
            scheduler.step();
        }
        // spot values by hand: warm-up from a quarter, the peak at step 4, half-way down at 8, etaMin for both at 12
        scheduler.setEpoch(0);
        assertEquals(0.025f, sgd.lr(0), 1e-9);
        assertEquals(0.0025f, sgd.lr(1), 1e-10);
        scheduler.setEpoch(8);
        assertEquals(0.0505f, sgd.lr(0), 1e-8);
        assertEquals(0.0055f, sgd.lr(1), 1e-9);
        scheduler.setEpoch(12);
        assertEquals(0.001f, sgd.lr(0), 1e-9);
        assertEquals(0.001f, sgd.lr(1), 1e-9);
        assertEquals(0.1f, sgd.group(0).initialLr());
    }

    @Test void aResumedSchedulerScalesFromTheSavedInitialRatesNotTheDecayedOnes() {
        Sgd sgd = new Sgd(List.of(param(1f)), Sgd.Config.defaults().withLr(0.1f));
        StepLr schedule = new StepLr(0.1f, 2, 0.5f);
        LrScheduler scheduler = new LrScheduler(sgd, schedule);
        for (int epoch = 0; epoch < 5; epoch++) scheduler.step();
        assertEquals(0.025f, sgd.lr(), 1e-9);
        var optimizerState = sgd.stateDict();
        var schedulerState = scheduler.stateDict();

        // a fresh optimizer (even at another rate) restored from the checkpoint, then a fresh scheduler and its state
        Sgd resumed = new Sgd(List.of(param(1f)), Sgd.Config.defaults().withLr(0.3f));
        resumed.loadStateDict(optimizerState);
        assertEquals(0.025f, resumed.lr(), 1e-9);
        assertEquals(0.1f, resumed.group(0).initialLr());
        LrScheduler fresh = new LrScheduler(resumed, schedule);
        assertEquals(0.1f, resumed.lr(), 1e-9, "made at t = 0, from the initial rate");
        fresh.loadStateDict(schedulerState);
        assertEquals(5, fresh.epoch());
        assertEquals(0.025f, resumed.lr(), 1e-9);
        fresh.step();
        assertEquals(0.0125f, resumed.lr(), 1e-9);

        assertEquals("loadStateDict(LrScheduler): 1 problem\n  missing: last_epoch",
                assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(java.util.Map.of())).getMessage());
        assertEquals(6, fresh.epoch(), "a failed load changes nothing");
        assertEquals("LrScheduler: epoch must be >= 0; got -1",
                assertThrows(IllegalArgumentException.class, () -> fresh.setEpoch(-1)).getMessage());
    }
}
