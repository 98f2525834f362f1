package fovea.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The nearest-neighbour classifier against a brute-force oracle, scikit-learn's predictions, and its tie rule. */
class KnnTest {
    private static Tensor randomFeatures(SplittableRandom random, int n, int dim, int levels) {
        float[] values = new float[n * dim];
        for (int i = 0; i < values.length; i++) values[i] = levels > 0 ? random.nextInt(levels) : (float) random.nextGaussian();
        return Tensor.of(values, n, dim);
    }

    private static int[] randomLabels(SplittableRandom random, int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = random.nextInt(classes);
        return labels;
    }

    /** The oracle: every distance in double, a full sort by (distance, row), the first k. */
    private static int[] bruteForce(float[] train, float[] query, int dim, int k, Distance distance) {
        int n = train.length / dim;
        Integer[] order = new Integer[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                double difference = (double) query[j] - train[i * dim + j];
                sum += distance == Distance.L1 ? Math.abs(difference) : difference * difference;
            }
            d[i] = sum;
        }
        Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
        int[] nearest = new int[k];
        for (int i = 0; i < k; i++) nearest[i] = order[i];
        return nearest;
    }

    @Test void neighboursMatchBruteForceOnOddSizesWhateverTheBlocks() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] sizes = {{1, 1, 1}, {7, 31, 7}, {31, 257, 31}, {257, 7, 13}};   // queries, training examples, features
        for (int[] size : sizes) {
            for (int levels : new int[] {0, 4}) {       // continuous values, and values with many exactly equal distances
                Tensor train = randomFeatures(random, size[1], size[2], levels);
                Tensor queries = randomFeatures(random, size[0], size[2], levels);
                int[] labels = randomLabels(random, size[1], 3);
                for (Distance distance : Distance.values()) {
                    int k = Math.min(5, size[1]);
                    for (Knn.Config config : List.of(Knn.Config.defaults(), new Knn.Config(1, 3, 0), new Knn.Config(5, 8, 2))) {
                        Neighbours found = new Knn(train, labels, config).neighbours(queries, k, distance, null);
                        for (int q = 0; q < size[0]; q++) {
                            int[] expected = bruteForce(train.toArray(), Arrays.copyOfRange(queries.toArray(), q * size[2],
                                    (q + 1) * size[2]), size[2], k, distance);
                            int[] actual = Arrays.copyOfRange(found.indices(), q * k, (q + 1) * k);
                            if (levels > 0 && config.extraCandidates() == 0) {
                                // with no extra candidates, equal float distances may admit another row of the same
                                // distance; the distances themselves must still be the k smallest
                                for (int r = 0; r < k; r++) {
                                    assertEquals(distanceOf(train, queries, expected[r], q, distance),
                                            distanceOf(train, queries, actual[r], q, distance), 1e-9);
                                }
                            } else {
                                assertArrayEquals(expected, actual, Arrays.toString(size) + " " + distance + " " + config + " query " + q);
                            }
                        }
                    }
                }
            }
        }
    }

    private static double distanceOf(Tensor train, Tensor queries, int row, int q, Distance distance) {
        int dim = train.size(1);
        double sum = 0;
        for (int j = 0; j < dim; j++) {
            double difference = (double) queries.get(q, j) - train.get(row, j);
            sum += distance == Distance.L1 ? Math.abs(difference) : difference * difference;
        }
        return distance == Distance.L1 ? sum : Math.sqrt(sum);
    }

    @Test void distancesAreExactAndSorted() {
        Tensor train = Tensor.of(new float[][] {{0, 0}, {3, 4}, {1, 1}, {6, 8}});
        Neighbours l2 = new Knn(train, new int[] {0, 1, 2, 3}).neighbours(Tensor.of(new float[][] {{0, 0}}), 4, Distance.L2, null);
        assertArrayEquals(new int[] {0, 2, 1, 3}, l2.indices());
        assertArrayEquals(new double[] {0, Math.sqrt(2), 5, 10}, l2.distances());
        Neighbours l1 = new Knn(train, new int[] {0, 1, 2, 3}).neighbours(Tensor.of(new float[][] {{0, 0}}), 3, Distance.L1, null);
        assertArrayEquals(new double[] {0, 2, 7}, l1.distances());
    }

    @Test void aTiedVoteGoesToTheSmallestLabel() {
        assertEquals(2, Votes.majority(new int[] {7, 2, 7, 2}, 0, 4, 10));
        assertEquals(1, Votes.majority(new int[] {3, 1, 2}, 0, 3, 4));        // three-way tie
        assertEquals(7, Votes.majority(new int[] {7, 2, 7, 2, 9}, 0, 3, 10)); // a majority wins whatever its label
        // through the classifier: the two nearest are labelled 5 and 3 at equal distance; k=2 ties, 3 wins
        Tensor train = Tensor.of(new float[][] {{1}, {-1}, {5}});
        Knn knn = new Knn(train, new int[] {5, 3, 3});
        assertArrayEquals(new int[] {3}, knn.predict(Tensor.of(new float[][] {{0}}), 2, Distance.L2));
        assertArrayEquals(new int[] {5}, knn.predict(Tensor.of(new float[][] {{0}}), 1, Distance.L1), "equal distances: the first row");
    }

    @Test void matchesScikitLearnOnTheSample() throws IOException {
        // knn_sklearn.txt holds scikit-learn's brute-force predictions on raw pixels; see make_sklearn_reference.py
        TensorDataset train = FashionMnist.readTraining(FashionMnist.Sources.defaults().sample());
        TensorDataset test = FashionMnist.readTest(FashionMnist.Sources.defaults().sample());
        Tensor queries = rawPixels(test.features()).slice(0, 0, 400).reshape(400, 784);
        Knn knn = new Knn(rawPixels(train.features()).reshape(train.size(), 784), labels(train));
        AtomicInteger rows = new AtomicInteger();
        for (String line : lines("knn_sklearn.txt")) {
            String[] parts = line.split(" ");
            int k = Integer.parseInt(parts[0]);
            Distance distance = Distance.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
            int[] expected = Arrays.stream(parts, 2, parts.length).mapToInt(Integer::parseInt).toArray();
            int[] predicted = knn.predict(queries, new int[] {k}, distance, rows::addAndGet)[0];
            int differ = 0;
            for (int i = 0; i < expected.length; i++) if (expected[i] != predicted[i]) differ++;
            // on raw pixels every distance is exact, so the votes are scikit-learn's (equal distances could in
            // principle be ordered differently, but on these images none changes a vote)
            assertEquals(0, differ, line.substring(0, 5) + ": " + differ + " of 400 predictions differ from scikit-learn's");
        }
        assertEquals(6 * 400, rows.get(), "progress counts every query once per search");
    }

    @Test void badArgumentsSayWhatWasExpected() {
        Knn knn = new Knn(Tensor.zeros(3, 2), new int[] {0, 1, 0});
        assertEquals("Knn.predict: k must be in 1..3 (the training examples); got 4",
                assertThrows(IllegalArgumentException.class, () -> knn.predict(Tensor.zeros(1, 2), 4, Distance.L1)).getMessage());
        assertEquals("Knn.predict: k must be in 1..3 (the training examples); got 0",
                assertThrows(IllegalArgumentException.class, () -> knn.predict(Tensor.zeros(1, 2), 0, Distance.L1)).getMessage());
        assertEquals("Knn.neighbours: expected queries [Q, ...] with 2 features each like the training examples; got [1, 3]",
                assertThrows(IllegalArgumentException.class, () -> knn.predict(Tensor.zeros(1, 3), 1, Distance.L2)).getMessage());
    }

    static Tensor rawPixels(Tensor unit) {
        float[] values = unit.toArray();
        for (int i = 0; i < values.length; i++) values[i] = Math.round(values[i] * 255f);
        return Tensor.of(values, unit.shape());
    }

    static int[] labels(TensorDataset data) {
        float[] values = data.labels().toArray();
        int[] labels = new int[values.length];
        for (int i = 0; i < labels.length; i++) labels[i] = (int) values[i];
        return labels;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = KnnTest.class.getResourceAsStream(resource)) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) if (!line.isBlank()) lines.add(line);
            return lines;
        }
    }
}
