package fovea.optim;

/**
 * Applies an {@link LrSchedule} to an optimizer once per epoch: made at epoch 0 (setting the schedule's first
 * rate, as PyTorch's schedulers do on construction), then {@link #step()} at the end of every epoch.
 */
public final class LrScheduler {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private int epoch;

    /** Starts {@code schedule} at epoch 0 and sets the optimizer's rate to schedule.lr(0). */
    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException("LrScheduler: expected an optimizer and a schedule; got optimizer="
                    + optimizer + ", schedule=" + schedule);
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        setEpoch(0);
    }

    /** Moves to the next epoch and sets its rate; call once after each epoch's training. */
    public void step() {
        setEpoch(epoch + 1);
    }

    /** Jumps to {@code value} (when resuming from a checkpoint) and sets that epoch's rate. */
    public void setEpoch(int value) {
        Checks.epoch("LrScheduler", value);
        epoch = value;
        optimizer.setLr(schedule.lr(value));
    }

    /** The epoch whose rate the optimizer now holds. */
    public int epoch() {
        return epoch;
    }

    /** The schedule being applied. */
    public LrSchedule schedule() {
        return schedule;
    }
}
