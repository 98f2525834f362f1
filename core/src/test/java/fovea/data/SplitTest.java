package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Generator;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Splits partition the indices, are fixed by the seed, and k folds cover every example once. */
class SplitTest {
    private static final Dataset<Integer> NUMBERS = new Dataset<>() {
        @Override public int size() { return 23; }
        @Override public Integer get(int index) { return index; }
    };

    @Test void trainValidationPartitionsAndFollowsTheSeed() {
        Split<Integer> split = Split.trainValidation(NUMBERS, 5, new Generator(1));
        assertEquals(18, split.train().size());
        assertEquals(5, split.validation().size());
        int[] all = IntStream.concat(Arrays.stream(split.train().indices()), Arrays.stream(split.validation().indices()))
                .sorted().toArray();
        assertArrayEquals(IntStream.range(0, 23).toArray(), all);
        assertEquals(split.validation().indices()[2], split.validation().get(2));
        assertArrayEquals(split.validation().indices(),
                Split.trainValidation(NUMBERS, 5, new Generator(1)).validation().indices());
        assertEquals("Split.trainValidation: validationSize must be in 1..22 for 23 examples; got 23",
                assertThrows(IllegalArgumentException.class,
                        () -> Split.trainValidation(NUMBERS, 23, new Generator(1))).getMessage());
    }

    @Test void kFoldValidatesOnEachExampleOnce() {
        List<Split<Integer>> folds = Split.kFold(NUMBERS, 5, new Generator(2));
        assertEquals(5, folds.size());
        assertArrayEquals(new int[] {5, 5, 5, 4, 4}, folds.stream().mapToInt(f -> f.validation().size()).toArray());
        int[] validated = folds.stream().flatMapToInt(f -> Arrays.stream(f.validation().indices())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 23).toArray(), validated);
        for (Split<Integer> fold : folds) {
            assertEquals(23, fold.train().size() + fold.validation().size());
            int[] both = IntStream.concat(Arrays.stream(fold.train().indices()), Arrays.stream(fold.validation().indices()))
                    .sorted().toArray();
            assertArrayEquals(IntStream.range(0, 23).toArray(), both);
        }
        assertEquals("Split.kFold: k must be in 2..23 for 23 examples; got 1",
                assertThrows(IllegalArgumentException.class, () -> Split.kFold(NUMBERS, 1, new Generator(2))).getMessage());
    }

    @Test void subsetOfATensorDatasetCopiesBackIntoMemory() {
        TensorDataset data = DataLoaderTest.numbered(6);
        TensorDataset copy = TensorDataset.copyOf(new Subset<>(data, new int[] {4, 1}));
        assertEquals(2, copy.size());
        assertArrayEquals(new int[] {1, 2, 2}, copy.exampleShape());
        assertArrayEquals(new float[] {4, 4, 4, 4, 1, 1, 1, 1}, copy.features().toArray());
        assertArrayEquals(new float[] {1, 1}, copy.labels().toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(data, new int[] {6}));
    }
}
