package fovea.data;

import fovea.tensor.Tensor;

/**
 * A change of the features whose parameters were fitted on the training set only (a mean, a standard deviation,
 * a range) and that is then applied, unchanged, to the training, validation and test sets alike: fitting on data
 * the model is evaluated on would leak it into training.
 */
public interface Preprocessing {
    /** The preprocessed copy of one example of the fitted shape [...] or of a batch [B, ...]. */
    Tensor apply(Tensor features);

    /** The preprocessed copy of a whole dataset, held in memory; labels are kept. */
    TensorDataset apply(Dataset<Example> data);
}
