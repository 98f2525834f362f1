package fovea.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of a run: the task's scalars averaged over the epoch's training steps, the same scalars over the
 * validation set (NaN without one), the training seconds, and the learning rates used.
 */
public record EpochResult(int epoch, Map<String, Double> train, Map<String, Double> validation, double seconds,
                          Map<String, Double> learningRates) {
    /** Unmodifiable copies, in the order given. */
    public EpochResult {
        train = Collections.unmodifiableMap(new LinkedHashMap<>(train));
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
        learningRates = Collections.unmodifiableMap(new LinkedHashMap<>(learningRates));
    }

    /** A classification epoch: loss and accuracy, training and validation, and one learning rate. */
    public static EpochResult classification(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                                             double validationAccuracy, double seconds, double lr) {
        return new EpochResult(epoch, scalars(trainLoss, trainAccuracy), scalars(validationLoss, validationAccuracy),
                seconds, Map.of("lr", lr));
    }

    private static Map<String, Double> scalars(double loss, double accuracy) {
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("loss", loss);
        scalars.put("accuracy", accuracy);
        return scalars;
    }

    /** The mean training loss; NaN if the task reports none. */
    public double trainLoss() {
        return train.getOrDefault("loss", Double.NaN);
    }

    /** The mean training accuracy; NaN if the task reports none. */
    public double trainAccuracy() {
        return train.getOrDefault("accuracy", Double.NaN);
    }

    /** The validation loss; NaN without a validation set. */
    public double validationLoss() {
        return validation.getOrDefault("loss", Double.NaN);
    }

    /** The validation accuracy; NaN without a validation set. */
    public double validationAccuracy() {
        return validation.getOrDefault("accuracy", Double.NaN);
    }

    /** The learning rate "lr", or the first one recorded; NaN if none. */
    public double lr() {
        Double lr = learningRates.get("lr");
        if (lr != null) return lr;
        return learningRates.isEmpty() ? Double.NaN : learningRates.values().iterator().next();
    }

    /** The validation figure if there is one, else the training one: what early stopping and plateaus watch. */
    public double monitored(String name) {
        double value = validation.getOrDefault(name, Double.NaN);
        return Double.isNaN(value) ? train.getOrDefault(name, Double.NaN) : value;
    }
}
