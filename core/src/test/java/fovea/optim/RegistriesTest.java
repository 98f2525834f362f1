package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registries of named optimizers and schedules: names, defaults, what each name makes, and the errors. */
class RegistriesTest {
    private static List<Tensor> params() {
        return List.of(Tensor.zeros(2, 2).requiresGrad(true), Tensor.zeros(2).requiresGrad(true));
    }

    @Test void everyOptimizerNameMakesItsRuleWithTheRateAndDecayGiven() {
        assertEquals(List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adadelta", "lbfgs"),
                Optimizers.names());
        Map<String, Class<?>> classes = Map.of("sgd", Sgd.class, "momentum", Sgd.class, "nesterov", Sgd.class,
                "adagrad", AdaGrad.class, "rmsprop", RmsProp.class, "adam", Adam.class, "adamw", AdamW.class,
                "adadelta", AdaDelta.class);
        classes.forEach((name, type) -> {
            Optimizer optimizer = Optimizers.create(name, params(), 0.03f, 0.2f);
            assertInstanceOf(type, optimizer, name);
            assertEquals(0.03f, optimizer.lr(), name);
            assertEquals(0.2f, optimizer.group(0).weightDecay(), name);
            assertFalse(Optimizers.entry(name).needsClosure(), name);
        });
        assertEquals(0.9f, ((Sgd) Optimizers.create("momentum", params(), 0.1f, 0f)).config().momentum());
        assertTrue(((Sgd) Optimizers.create("nesterov", params(), 0.1f, 0f)).config().nesterov());
        assertEquals(0f, ((Sgd) Optimizers.create("sgd", params(), 0.1f, 0f)).config().momentum());
        assertEquals(List.of(0.01f, 0.01f, 0.01f, 0.01f, 0.001f, 0.001f, 0.001f, 1f, 1f),
                Optimizers.entries().stream().map(Optimizers.Entry::defaultLr).toList());
        assertEquals(Optimizers.entry("adamw"), Optimizers.entry("AdamW"), "names are read in any case");
    }

    @Test void groupsKeepTheirOwnSettingsThroughTheRegistry() {
        List<Tensor> p = params();
        Optimizer optimizer = Optimizers.create("adamw", ParamGroups.of(ParamGroup.of(List.of(p.get(0))),
                ParamGroup.of(List.of(p.get(1))).withWeightDecay(0f).withLr(1e-4f)), 1e-3f, 0.05f);
        assertEquals(List.of(1e-3f, 1e-4f), optimizer.groups().stream().map(Optimizer.Group::lr).toList());
        assertEquals(List.of(0.05f, 0f), optimizer.groups().stream().map(Optimizer.Group::weightDecay).toList());
    }

    @Test void lbfgsNeedsAClosureAndTakesOneGroupWithoutDecay() {
        Optimizers.Entry entry = Optimizers.entry("lbfgs");
        assertTrue(entry.needsClosure());
        Lbfgs lbfgs = (Lbfgs) entry.create(params(), 0.5f, 0f);
        assertEquals(Lbfgs.LineSearch.STRONG_WOLFE, lbfgs.config().lineSearch());
        assertEquals(0.5f, lbfgs.lr());
        assertEquals("Optimizers: lbfgs has no weight decay; got 0.01, expected 0",
                assertThrows(IllegalArgumentException.class, () -> entry.create(params(), 1f, 0.01f)).getMessage());
        List<Tensor> p = params();
        assertEquals("Optimizers: lbfgs takes one parameter group without settings of its own; got 2 groups",
                assertThrows(IllegalArgumentException.class, () -> entry.create(ParamGroups.of(ParamGroup.of(List.of(p.get(0))),
                        ParamGroup.of(List.of(p.get(1)))), 1f, 0f)).getMessage());
    }

    @Test void anUnknownOptimizerListsTheLegalNames() {
        assertEquals("Optimizers: unknown optimizer 'adamax'; expected one of sgd, momentum, nesterov, adagrad, rmsprop, "
                + "adam, adamw, adadelta, lbfgs",
                assertThrows(IllegalArgumentException.class, () -> Optimizers.entry("adamax")).getMessage());
        assertEquals("Optimizers: unknown optimizer 'null'; expected one of sgd, momentum, nesterov, adagrad, rmsprop, "
                + "adam, adamw, adadelta, lbfgs",
                assertThrows(IllegalArgumentException.class, () -> Optimizers.create(null, params(), 1f, 0f)).getMessage());
    }

    @Test void everyScheduleNameMakesItsScheduleFromTheRunsLength() {
        assertEquals(List.of("none", "step", "multistep", "exponential", "poly", "cosine", "plateau", "warmup"),
                LrSchedules.names());
        assertEquals(LrSchedules.Kind.NONE, LrSchedules.entry("none").kind());
        assertEquals(LrSchedules.Kind.PLATEAU, LrSchedules.entry("Plateau").kind());
        assertNull(LrSchedules.entry("plateau").factory());
        assertEquals(new StepLr(0.1f, 4, 0.1f), LrSchedules.schedule("step", 0.1f, 12));
        assertEquals(new MultiStepLr(0.1f, List.of(6, 9), 0.1f), LrSchedules.schedule("multistep", 0.1f, 12));
        assertEquals(new MultiStepLr(0.1f, List.of(1, 2), 0.1f), LrSchedules.schedule("multistep", 0.1f, 1));
        assertEquals(new ExponentialLr(0.1f, 0.9f), LrSchedules.schedule("exponential", 0.1f, 12));
        assertEquals(new PolynomialLr(0.1f, 12, 1f), LrSchedules.schedule("poly", 0.1f, 12));
        assertEquals(new CosineAnnealingLr(0.1f, 12, 0f), LrSchedules.schedule("cosine", 0.1f, 12));
        assertEquals(LinearWarmup.toConstant(0.1f, 3, 0.1f), LrSchedules.schedule("warmup", 0.1f, 30));
        assertEquals(LinearWarmup.toConstant(0.1f, 1, 0.1f), LrSchedules.schedule("warmup", 0.1f, 5));
        ReduceOnPlateau plateau = LrSchedules.plateau(new Sgd(params(), Sgd.Config.defaults()));
        assertEquals(ReduceOnPlateau.Mode.MAX, plateau.config().mode());
        assertEquals(2, plateau.config().patience());
    }

    @Test void aPerStepSchedulerFromTheRegistryActsOnEveryGroup() {
        List<Tensor> p = params();
        Optimizer optimizer = Optimizers.create("sgd", ParamGroups.of(ParamGroup.of(List.of(p.get(0))),
                ParamGroup.of(List.of(p.get(1))).withLr(0.01f)), 0.1f, 0f);
        LrScheduler scheduler = LrSchedules.scheduler("cosine", optimizer, 100, LrScheduler.Interval.STEP);
        for (int step = 0; step < 50; step++) scheduler.step();
        assertEquals(0.05f, optimizer.lr(0), 1e-8);
        assertEquals(0.005f, optimizer.lr(1), 1e-9);
    }

    @Test void scheduleErrorsListTheLegalNames() {
        assertEquals("LrSchedules: unknown schedule 'daily'; expected one of none, step, multistep, exponential, poly, "
                + "cosine, plateau, warmup",
                assertThrows(IllegalArgumentException.class, () -> LrSchedules.entry("daily")).getMessage());
        assertEquals("LrSchedules: 'plateau' is not a closed-form schedule; expected one of step, multistep, exponential, "
                + "poly, cosine, warmup",
                assertThrows(IllegalArgumentException.class, () -> LrSchedules.schedule("plateau", 0.1f, 10)).getMessage());
        assertEquals("LrSchedules: length must be > 0; got 0",
                assertThrows(IllegalArgumentException.class, () -> LrSchedules.schedule("cosine", 0.1f, 0)).getMessage());
    }
}
