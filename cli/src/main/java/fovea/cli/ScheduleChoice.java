package fovea.cli;

import fovea.optim.CosineAnnealingLr;
import fovea.optim.ExponentialLr;
import fovea.optim.LinearWarmup;
import fovea.optim.LrScheduler;
import fovea.optim.MultiStepLr;
import fovea.optim.Optimizer;
import fovea.optim.PolynomialLr;
import fovea.optim.ReduceOnPlateau;
import fovea.optim.StepLr;
import fovea.train.Callback;
import fovea.train.Schedules;
import java.util.List;

/** The learning-rate schedules {@code --schedule} names, each set from the run's epochs and base rate. */
enum ScheduleChoice {
    NONE, STEP, MULTISTEP, EXPONENTIAL, POLY, COSINE, PLATEAU, WARMUP;

    /** The callback that drives this schedule, or null for none. */
    Callback callback(Optimizer optimizer, float lr, int epochs) {
        return switch (this) {
            case NONE -> null;
            case STEP -> perEpoch(optimizer, new StepLr(lr, Math.max(1, epochs / 3), 0.1f));
            case MULTISTEP -> perEpoch(optimizer, new MultiStepLr(lr, List.of(Math.max(1, epochs / 2),
                    Math.max(2, epochs * 3 / 4)), 0.1f));
            case EXPONENTIAL -> perEpoch(optimizer, new ExponentialLr(lr, 0.9f));
            case POLY -> perEpoch(optimizer, new PolynomialLr(lr, epochs, 1f));
            case COSINE -> perEpoch(optimizer, new CosineAnnealingLr(lr, epochs, 0f));
            case PLATEAU -> Schedules.onPlateau(new ReduceOnPlateau(optimizer, ReduceOnPlateau.Config.defaults()
                    .withMode(ReduceOnPlateau.Mode.MAX).withPatience(2)));
            case WARMUP -> perEpoch(optimizer, LinearWarmup.toConstant(lr, Math.max(1, epochs / 10), 0.1f));
        };
    }

    private static Callback perEpoch(Optimizer optimizer, fovea.optim.LrSchedule schedule) {
        return Schedules.perEpoch(new LrScheduler(optimizer, schedule));
    }

    /** The name on the command line. */
    String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
