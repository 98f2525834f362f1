package fovea.data;

import fovea.tensor.Tensor;

/** One labelled example: its features (an image is [C, H, W]) and its class, a whole number >= 0. */
public record Example(Tensor features, int label) {
    /** Checks that the label is a class index. */
    public Example {
        if (features == null) throw new IllegalArgumentException("Example: features must not be null");
        if (label < 0) throw new IllegalArgumentException("Example: label must be >= 0; got " + label);
    }
}
