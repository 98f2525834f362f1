package fovea.data;

import java.util.random.RandomGenerator;

/**
 * A per-example change of a whole example of type {@code E}: a labelled image's features, or an image together with
 * its mask, boxes and keypoints (as torchvision.transforms.v2 transforms all parts of a sample at once). The
 * {@link DataLoader} applies it with a generator derived from (seed, epoch, batch index), so the same seed gives
 * the same augmented batches.
 */
@FunctionalInterface
public interface ExampleTransform<E> {
    /** The transformed example; random choices are drawn from {@code random}. */
    E apply(E example, RandomGenerator random);

    /** This transform, then {@code next}, both drawing from the same generator. */
    default ExampleTransform<E> andThen(ExampleTransform<E> next) {
        return (example, random) -> next.apply(apply(example, random), random);
    }

    /** The transform that returns its input unchanged and draws nothing. */
    static <E> ExampleTransform<E> identity() {
        return (example, random) -> example;
    }

    /** A feature transform lifted to labelled examples: the features change, the label stays. */
    static ExampleTransform<Example> features(Transform transform) {
        return (example, random) -> new Example(transform.apply(example.features(), random), example.label());
    }
}
