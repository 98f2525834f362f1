package fovea.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Which examples an epoch visits, in which order, as torch.utils.data's samplers: the dataset's order, a shuffle,
 * uniform draws with replacement, or draws weighted per example. The {@link DataLoader} hands each epoch a generator
 * derived from (seed, epoch), so an epoch's indices are the same in every run and training resumes exactly.
 */
public interface Sampler {
    /** The number of indices one epoch draws from a dataset of {@code size} examples; checks that they fit. */
    int length(int size);

    /** The indices of one epoch over a dataset of {@code size} examples, each in 0..size-1, drawn from {@code random}. */
    int[] indices(int size, RandomGenerator random);

    /** Every example once, in the dataset's order (torch's SequentialSampler); draws nothing. */
    static Sampler sequential() {
        return new Sequential();
    }

    /** Every example once, in a uniformly random order (torch's RandomSampler): a Fisher-Yates shuffle. */
    static Sampler shuffled() {
        return new Shuffled();
    }

    /**
     * {@code samples} indices drawn uniformly with replacement, as torch's RandomSampler(replacement=True,
     * num_samples=samples); 0 means as many as the dataset has examples, torch's default.
     */
    static Sampler withReplacement(int samples) {
        return new WithReplacement(samples);
    }

    /**
     * {@code samples} indices drawn with probability proportional to {@code weights} (one per example, >= 0, not
     * all 0), with or without replacement, as torch's WeightedRandomSampler(weights, num_samples, replacement).
     */
    static Sampler weighted(double[] weights, int samples, boolean replacement) {
        return new Weighted(weights, samples, replacement);
    }

    /** The dataset's order. */
    record Sequential() implements Sampler {
        @Override public int length(int size) {
            return size;
        }

        @Override public int[] indices(int size, RandomGenerator random) {
            int[] order = new int[size];
            Arrays.setAll(order, i -> i);
            return order;
        }
    }

    /** A permutation per epoch. */
    record Shuffled() implements Sampler {
        @Override public int length(int size) {
            return size;
        }

        @Override public int[] indices(int size, RandomGenerator random) {
            return Split.permutation(size, random);
        }
    }

    /** Uniform draws with replacement; {@code samples} 0 stands for the dataset's size. */
    record WithReplacement(int samples) implements Sampler {
        /** Checks that the count is >= 0. */
        public WithReplacement {
            if (samples < 0) throw new IllegalArgumentException("Sampler.withReplacement: samples must be >= 0; got " + samples);
        }

        @Override public int length(int size) {
            return samples == 0 ? size : samples;
        }

        @Override public int[] indices(int size, RandomGenerator random) {
            int[] drawn = new int[length(size)];
            for (int i = 0; i < drawn.length; i++) drawn[i] = random.nextInt(size);
            return drawn;
        }
    }

    /** Draws weighted per example. */
    final class Weighted implements Sampler {
        private final double[] weights;
        private final double[] cumulative;
        private final int samples;
        private final boolean replacement;
        private final int positive;

        private Weighted(double[] weights, int samples, boolean replacement) {
            if (weights.length == 0 || samples < 1) {
                throw new IllegalArgumentException("Sampler.weighted: expected at least one weight and samples >= 1; got "
                        + weights.length + " weights and samples " + samples);
            }
            this.weights = weights.clone();
            cumulative = new double[weights.length];
            double sum = 0;
            int positive = 0;
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                    throw new IllegalArgumentException("Sampler.weighted: weights must be finite and >= 0; got "
                            + weights[i] + " at index " + i);
                }
                if (weights[i] > 0) positive++;
                sum += weights[i];
                cumulative[i] = sum;
            }
            if (positive == 0) throw new IllegalArgumentException("Sampler.weighted: the weights sum to 0; got all "
                    + weights.length + " weights 0");
            if (!replacement && samples > positive) {
                throw new IllegalArgumentException("Sampler.weighted: cannot draw " + samples + " examples without replacement; got "
                        + positive + " with a weight > 0");
            }
            this.samples = samples;
            this.replacement = replacement;
            this.positive = positive;
        }

        @Override public int length(int size) {
            if (size != weights.length) {
                throw new IllegalArgumentException("Sampler.weighted: expected one weight per example; got " + weights.length
                        + " weights for " + size + " examples");
            }
            return samples;
        }

        @Override public int[] indices(int size, RandomGenerator random) {
            length(size);
            return replacement ? withReplacement(random) : withoutReplacement(random);
        }

        /** Inverse-CDF draws: the first index whose running sum exceeds u * total, which always has a weight > 0. */
        private int[] withReplacement(RandomGenerator random) {
            double total = cumulative[cumulative.length - 1];
            int[] drawn = new int[samples];
            for (int i = 0; i < samples; i++) {
                // nextDouble() < 1, but the product may round up to the total.
                double u = Math.min(random.nextDouble() * total, Math.nextDown(total));
                int low = 0;
                int high = cumulative.length - 1;
                while (low < high) {
                    int mid = (low + high) >>> 1;
                    if (cumulative[mid] > u) high = mid;
                    else low = mid + 1;
                }
                drawn[i] = low;
            }
            return drawn;
        }

        /**
         * Efraimidis and Spirakis's keys log(u) / w: the examples with the largest keys, in order of their keys, are
         * distributed as successive weighted draws without replacement (torch.multinomial's replacement=False).
         */
        private int[] withoutReplacement(RandomGenerator random) {
            double[] keys = new double[weights.length];
            Integer[] order = new Integer[weights.length];
            for (int i = 0; i < weights.length; i++) {
                double u = random.nextDouble();
                keys[i] = weights[i] == 0 ? Double.NEGATIVE_INFINITY : Math.log(1 - u) / weights[i];
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
            int[] drawn = new int[samples];
            for (int i = 0; i < samples; i++) drawn[i] = order[i];
            return drawn;
        }

        /** A copy of the weights. */
        public double[] weights() {
            return weights.clone();
        }

        @Override public String toString() {
            return "Sampler.weighted(" + weights.length + " weights, " + positive + " > 0, samples=" + samples
                    + ", replacement=" + replacement + ")";
        }
    }
}
