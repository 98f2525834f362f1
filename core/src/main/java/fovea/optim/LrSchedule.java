package fovea.optim;

/**
 * A learning rate as a closed-form function of the epoch, as PyTorch's schedulers compute it; an
 * {@link LrScheduler} applies it to an optimizer once per epoch.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate for epoch {@code epoch}, counted from 0 (the rate training starts with). */
    float lr(int epoch);
}
