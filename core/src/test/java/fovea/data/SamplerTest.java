package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequential, shuffled, with replacement and weighted samplers: their distributions, lengths and seeds. */
class SamplerTest {
    private static double[] frequencies(int[] indices, int size) {
        double[] counts = new double[size];
        for (int index : indices) counts[index]++;
        for (int i = 0; i < size; i++) counts[i] /= indices.length;
        return counts;
    }

    @Test void sequentialIsTheDatasetsOrderAndShuffledAPermutation() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, Sampler.sequential().indices(4, new Generator(1)));
        int[] shuffled = Sampler.shuffled().indices(20, new Generator(1));
        assertArrayEquals(Split.permutation(20, new Generator(1)), shuffled);
        int[] sorted = shuffled.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Sampler.sequential().indices(20, null), sorted);
    }

    @Test void withReplacementDrawsUniformlyAndRepeats() {
        assertEquals(7, Sampler.withReplacement(0).length(7), "0 means the dataset's size, torch's default");
        int[] drawn = Sampler.withReplacement(50_000).indices(5, new Generator(3));
        assertEquals(50_000, drawn.length);
        for (double f : frequencies(drawn, 5)) assertEquals(0.2, f, 0.01);
        int[] small = Sampler.withReplacement(0).indices(10, new Generator(3));
        assertTrue(Arrays.stream(small).distinct().count() < 10, "ten draws from ten with replacement repeat (p = 0.9996)");
    }

    @Test void weightedWithReplacementIsProportionalAndNeverDrawsAZeroWeight() {
        double[] weights = {0, 1, 3, 0, 6, 0};
        int[] drawn = Sampler.weighted(weights, 100_000, true).indices(6, new Generator(5));
        double[] f = frequencies(drawn, 6);
        assertEquals(0, f[0]);
        assertEquals(0, f[3]);
        assertEquals(0, f[5], "a zero weight at the end is never drawn either");
        assertEquals(0.1, f[1], 0.005);
        assertEquals(0.3, f[2], 0.005);
        assertEquals(0.6, f[4], 0.005);
    }

    @Test void weightedWithoutReplacementDrawsDistinctExamplesAsSuccessiveDraws() {
        double[] weights = {1, 2, 3, 0};
        Sampler sampler = Sampler.weighted(weights, 2, false);
        Generator random = new Generator(7);
        // P(i then j) = w_i / 6 * w_j / (6 - w_i), the law of two successive weighted draws without replacement.
        double[][] counts = new double[4][4];
        int trials = 60_000;
        for (int t = 0; t < trials; t++) {
            int[] pair = sampler.indices(4, random);
            assertFalse(pair[0] == pair[1] || pair[0] == 3 || pair[1] == 3, Arrays.toString(pair));
            counts[pair[0]][pair[1]]++;
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i == j) continue;
                double expected = weights[i] / 6 * weights[j] / (6 - weights[i]);
                assertEquals(expected, counts[i][j] / trials, 0.008, "pair " + i + ", " + j);
            }
        }
        assertEquals("Sampler.weighted: cannot draw 4 examples without replacement; got 3 with a weight > 0",
                assertThrows(IllegalArgumentException.class, () -> Sampler.weighted(weights, 4, false)).getMessage());
    }

    @Test void badWeightsAreNamed() {
        assertEquals("Sampler.weighted: weights must be finite and >= 0; got -1.0 at index 1",
                assertThrows(IllegalArgumentException.class, () -> Sampler.weighted(new double[] {1, -1}, 2, true)).getMessage());
        assertEquals("Sampler.weighted: the weights sum to 0; got all 2 weights 0",
                assertThrows(IllegalArgumentException.class, () -> Sampler.weighted(new double[] {0, 0}, 2, true)).getMessage());
        assertEquals("Sampler.weighted: expected one weight per example; got 2 weights for 3 examples",
                assertThrows(IllegalArgumentException.class, () -> DataLoader.of(DataLoaderTest.numbered(3),
                        DataLoader.Config.training(2, 1).withSampler(Sampler.weighted(new double[] {1, 1}, 2, true)))).getMessage());
    }

    @Test void theLoaderDrawsItsSamplersIndicesPerEpochAndResumesExactly() {
        double[] weights = new double[30];
        Arrays.fill(weights, 0, 10, 1);   // only examples 0..9 can be drawn
        DataLoader.Config config = DataLoader.Config.training(4, 9).withSampler(Sampler.weighted(weights, 18, true));
        DataLoader<Batch> loader = DataLoader.of(DataLoaderTest.numbered(30), config);
        assertEquals(5, loader.batchCount(), "ceil(18 samples / 4), not the dataset's 30");
        int[] order = loader.order(2);
        assertEquals(18, order.length);
        assertTrue(Arrays.stream(order).allMatch(i -> i < 10));
        assertFalse(Arrays.equals(order, loader.order(3)), "each epoch draws anew");
        assertArrayEquals(order, DataLoader.of(DataLoaderTest.numbered(30), config).order(2), "the same seed, the same draws");
        List<Float> seen = new ArrayList<>();
        try (var batches = loader.epoch(2, 3)) {
            batches.forEachRemaining(b -> { for (float v : b.features().toArray()) seen.add(v); });
        }
        assertEquals(6 * 4, seen.size(), "batches 3 and 4: 4 and 2 examples of 4 pixels");
        for (int i = 0; i < 6; i++) assertEquals((float) order[12 + i], seen.get(4 * i));
    }
}
