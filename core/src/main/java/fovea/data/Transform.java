package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A per-example change of the features, e.g. a random crop; the {@link DataLoader} applies it to each example of
 * a training batch with a generator it derives from its seed, so the same seed gives the same augmented batches.
 */
@FunctionalInterface
public interface Transform {
    /** The transformed copy of one example's features; random choices are drawn from {@code random}. */
    Tensor apply(Tensor features, RandomGenerator random);

    /** This transform, then {@code next}, both drawing from the same generator. */
    default Transform andThen(Transform next) {
        return (features, random) -> next.apply(apply(features, random), random);
    }

    /** The transform that returns its input unchanged and draws nothing. */
    static Transform identity() {
        return (features, random) -> features;
    }
}
