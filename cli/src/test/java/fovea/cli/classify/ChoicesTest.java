package fovea.cli.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.optim.LrSchedules;
import fovea.optim.Optimizers;
import fovea.optim.Sgd;
import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's --optimizer and --schedule names are core's registries: the same names, defaults and makers. */
class ChoicesTest {
    @Test void optimizerChoicesAreCoresOptimizersThatStepWithoutAClosure() {
        List<String> expected = Optimizers.entries().stream().filter(e -> !e.needsClosure()).map(Optimizers.Entry::name)
                .toList();
        assertEquals(expected, Arrays.stream(OptimizerChoice.values()).map(OptimizerChoice::optionName).toList());
        for (OptimizerChoice choice : OptimizerChoice.values()) {
            Optimizers.Entry entry = Optimizers.entry(choice.optionName());
            assertEquals(entry.defaultLr(), choice.defaultLr(), choice.optionName());
            var made = choice.create(List.of(Tensor.zeros(2).requiresGrad(true)), 0.02f, 0.1f);
            assertEquals(entry.create(List.of(Tensor.zeros(2).requiresGrad(true)), 0.02f, 0.1f).getClass(), made.getClass());
            assertEquals(0.02f, made.lr());
            assertEquals(0.1f, made.group(0).weightDecay());
        }
    }

    @Test void scheduleChoicesAreCoresSchedules() {
        assertEquals(LrSchedules.names(), Arrays.stream(ScheduleChoice.values()).map(ScheduleChoice::optionName).toList());
        Sgd sgd = new Sgd(List.of(Tensor.zeros(1).requiresGrad(true)), Sgd.Config.defaults().withLr(0.1f));
        assertNull(ScheduleChoice.NONE.callback(sgd, 0.1f, 10));
        for (ScheduleChoice choice : ScheduleChoice.values()) {
            if (choice != ScheduleChoice.NONE) assertTrue(choice.callback(sgd, 0.1f, 10) != null, choice.optionName());
        }
        // a closed-form choice sets the schedule's first rate at once: the warm-up starts from a tenth
        ScheduleChoice.WARMUP.callback(sgd, 0.1f, 10);
        assertEquals(0.01f, sgd.lr(), 1e-9);
    }
}
