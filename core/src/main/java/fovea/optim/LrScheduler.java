package fovea.optim;

import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Applies an {@link LrSchedule} to every group of an optimizer, each group from its own initial rate (PyTorch's
 * base_lrs), as PyTorch's schedulers: made at t = 0 (setting the schedule's first rates, as PyTorch's schedulers do on
 * construction), then {@link #step()} once per epoch or once per optimizer step, whichever its {@link Interval} says.
 */
public final class LrScheduler implements Stateful {
    /** What one {@link #step()} stands for, so that a training loop knows where to call it. */
    public enum Interval {
        /** Stepped at the end of every epoch: step and cosine decays over epochs, ReduceOnPlateau-like use. */
        EPOCH,
        /** Stepped after every optimizer step: warm-ups and decays over a known number of steps. */
        STEP
    }

    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final Interval interval;
    private int epoch;

    /** Starts {@code schedule} at t = 0, stepped per epoch, and sets every group's rate to schedule.lr(initialLr, 0). */
    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        this(optimizer, schedule, Interval.EPOCH);
    }

    /** Starts {@code schedule} at t = 0, stepped per {@code interval}, and sets every group's first rate. */
    public LrScheduler(Optimizer optimizer, LrSchedule schedule, Interval interval) {
        if (optimizer == null || schedule == null || interval == null) {
            throw new IllegalArgumentException("LrScheduler: expected an optimizer, a schedule and an interval; got optimizer="
                    + optimizer + ", schedule=" + schedule + ", interval=" + interval);
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.interval = interval;
        setEpoch(0);
    }

    /** Moves to the next epoch or step and sets its rates; call once after each epoch (or optimizer step). */
    public void step() {
        setEpoch(epoch + 1);
    }

    /**
     * Jumps to {@code value} (when resuming) and sets its rates: group g gets schedule.lr(g.initialLr(), value).
     * Counts steps for a per-step scheduler, as PyTorch's last_epoch does.
     */
    public void setEpoch(int value) {
        Checks.epoch("LrScheduler", value);
        epoch = value;
        for (Optimizer.Group group : optimizer.groups()) group.setLr(schedule.lr(group.initialLr(), value));
    }

    /** The epoch (or step, per {@link #interval()}) whose rates the optimizer now holds, PyTorch's last_epoch. */
    public int epoch() {
        return epoch;
    }

    /** The schedule being applied. */
    public LrSchedule schedule() {
        return schedule;
    }

    /** Whether {@link #step()} is meant once per epoch or once per optimizer step. */
    public Interval interval() {
        return interval;
    }

    /** "last_epoch", exact for any count (64-bit words: a per-step count may pass a float's 2^24). */
    @Override public Map<String, Tensor> stateDict() {
        return Map.of("last_epoch", Stateful.words(epoch));
    }

    /** Restores the count and sets the rates it gives, as {@link #setEpoch}; strict, and nothing changes on error. */
    @Override public void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = Stateful.problems(stateDict(), state);
        Stateful.check("LrScheduler", problems);
        long value = Stateful.longs("loadStateDict(LrScheduler): last_epoch", state.get("last_epoch"))[0];
        if (value > Integer.MAX_VALUE) {
            Stateful.check("LrScheduler", List.of("value: last_epoch must be a count up to " + Integer.MAX_VALUE
                    + "; got " + value));
        }
        setEpoch((int) value);
    }
}
