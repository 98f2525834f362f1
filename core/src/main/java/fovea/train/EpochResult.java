package fovea.train;

/**
 * One epoch of a run: training loss and accuracy (averaged over the epoch's batches, in training mode),
 * validation loss and accuracy (NaN without a validation set), training seconds, and the learning rate used.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double seconds, double lr) {}
