package fovea.cli.classify;

import fovea.optim.LrScheduler;
import fovea.optim.LrSchedules;
import fovea.optim.Optimizer;
import fovea.train.Callback;
import fovea.train.Schedules;

/** The learning-rate schedules {@code --schedule} names, core's {@link LrSchedules}, each set from the run's epochs. */
enum ScheduleChoice {
    NONE, STEP, MULTISTEP, EXPONENTIAL, POLY, COSINE, PLATEAU, WARMUP;

    /** The callback that drives this schedule once per epoch, or null for none; lr is the run's base rate. */
    Callback callback(Optimizer optimizer, float lr, int epochs) {
        return switch (LrSchedules.entry(optionName()).kind()) {
            case NONE -> null;
            case PLATEAU -> Schedules.onPlateau(LrSchedules.plateau(optimizer));
            case CLOSED_FORM -> Schedules.perEpoch(new LrScheduler(optimizer, LrSchedules.schedule(optionName(), lr, epochs)));
        };
    }

    /** The name on the command line. */
    String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
