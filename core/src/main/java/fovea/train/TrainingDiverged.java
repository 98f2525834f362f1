package fovea.train;

/** Thrown when the loss becomes NaN or infinite: names the epoch, the step and the first layer that went bad. */
public final class TrainingDiverged extends RuntimeException {

    /** The message says what happened and where. */
    public TrainingDiverged(String message) {
        super(message);
    }
}
