package fovea.train;

import fovea.optim.LrScheduler;
import fovea.optim.ReduceOnPlateau;

/** Callbacks that drive learning-rate schedules from the training loop, once per epoch. */
public final class Schedules {
    private Schedules() {}

    /** Advances a closed-form schedule (step, cosine, warm-up ...) after every epoch. */
    public static Callback perEpoch(LrScheduler scheduler) {
        return new Callback() {
            @Override public void onTrainBegin(Loop<?> loop, int firstEpoch, int epochs) {
                scheduler.setEpoch(firstEpoch - 1);   // a resumed run continues the schedule where it was
            }

            @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
                scheduler.step();
            }
        };
    }

    /** Feeds validation accuracy (training accuracy without a validation set) to a reduce-on-plateau schedule. */
    public static Callback onPlateau(ReduceOnPlateau plateau) {
        return new Callback() {
            @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
                double metric = result.monitored("accuracy");
                plateau.step((float) metric);
            }
        };
    }
}
