package fovea.train;

import fovea.optim.LrScheduler;
import fovea.optim.ReduceOnPlateau;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.Map;

/** Callbacks that drive learning-rate schedules from the training loop, per epoch or per step. */
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

    /**
     * Advances a scheduler at the interval it was made for: after every epoch, or after every training step (a
     * warm-up over steps); a resumed run continues from the loop's count of epochs or steps.
     */
    public static Callback of(LrScheduler scheduler) {
        if (scheduler.interval() == LrScheduler.Interval.EPOCH) return perEpoch(scheduler);
        return new Callback() {
            private Loop<?> loop;

            @Override public void onTrainBegin(Loop<?> loop, int firstEpoch, int epochs) {
                this.loop = loop;
                scheduler.setEpoch(Math.toIntExact(loop.steps()));
            }

            @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
                scheduler.setEpoch(Math.toIntExact(loop.steps()));
            }
        };
    }

    /**
     * Feeds validation accuracy (training accuracy without a validation set) to a reduce-on-plateau schedule; the
     * schedule's counters are part of the loop's checkpoints.
     */
    public static Callback onPlateau(ReduceOnPlateau plateau) {
        return new OnPlateau(plateau);
    }

    /** The callback of {@link #onPlateau}: a callback with the schedule's state. */
    static final class OnPlateau implements Callback, Stateful {
        private final ReduceOnPlateau plateau;

        OnPlateau(ReduceOnPlateau plateau) {
            this.plateau = plateau;
        }

        @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
            plateau.step((float) result.monitored("accuracy"));
        }

        @Override public Map<String, Tensor> stateDict() {
            return plateau.stateDict();
        }

        @Override public void loadStateDict(Map<String, Tensor> state) {
            plateau.loadStateDict(state);
        }
    }
}
