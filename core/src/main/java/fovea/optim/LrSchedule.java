package fovea.optim;

/**
 * A learning rate as a closed-form function of a count t of epochs or steps, as PyTorch's schedulers compute it from
 * each group's base_lr; an {@link LrScheduler} applies it to every group of an optimizer, each from its own initial
 * rate, and is stepped per epoch or per optimizer step.
 */
public interface LrSchedule {
    /** The rate at {@code t} (counted from 0: the rate training starts with) for a group that starts at {@code base}. */
    float lr(float base, int t);

    /** The base rate the schedule was made with, which {@link #lr(int)} starts from. */
    float baseLr();

    /** The rate at {@code t} from {@link #baseLr()}: the schedule of a one-group optimizer made at that rate. */
    default float lr(int t) {
        return lr(baseLr(), t);
    }
}
