package fovea.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.FashionMnist;
import fovea.data.Split;
import fovea.data.TensorDataset;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Random search coarse to fine, the three ways to optimize, and cross-validation of k. */
class SearchAndComparisonTest {
    private static final List<RandomSearch.Range> RANGES = List.of(new RandomSearch.Range("lr", 1e-5, 1),
            new RandomSearch.Range("reg", 1e-6, 1e-1));

    /** A smooth objective peaked at lr = 1e-2, reg = 1e-4 (in log space). */
    private static double peaked(Map<String, Double> setting, int stage) {
        double a = Math.log10(setting.get("lr")) + 2, b = Math.log10(setting.get("reg")) + 4;
        return Math.exp(-(a * a + b * b) / 4);
    }

    @Test void coarseToFineNarrowsAroundTheBestAndSortsTheTrials() {
        RandomSearch.Result result = RandomSearch.run(RANGES, 30, 20, 5, new Generator(1), SearchAndComparisonTest::peaked, null);
        assertEquals(50, result.trials().size());
        for (int i = 1; i < result.trials().size(); i++) {
            assertTrue(result.trials().get(i - 1).validationAccuracy() >= result.trials().get(i).validationAccuracy(), "sorted");
        }
        for (RandomSearch.Trial trial : result.trials()) {
            RandomSearch.Range lr = trial.stage() == 1 ? RANGES.get(0) : result.fineRanges().get(0);
            assertTrue(trial.setting().get("lr") >= lr.low() && trial.setting().get("lr") <= lr.high(), trial.toString());
        }
        RandomSearch.Range fineLr = result.fineRanges().get(0);
        assertTrue(Math.log10(fineLr.high() / fineLr.low()) < 5, "narrower than the 5 decades of the coarse range: " + fineLr);
        assertTrue(fineLr.low() <= 1e-2 && fineLr.high() >= 1e-2, "the fine range holds the peak: " + fineLr);
        double coarse = result.trials().stream().filter(t -> t.stage() == 1).mapToDouble(RandomSearch.Trial::validationAccuracy).average().orElseThrow();
        double fine = result.trials().stream().filter(t -> t.stage() == 2).mapToDouble(RandomSearch.Trial::validationAccuracy).average().orElseThrow();
        assertTrue(fine > coarse, "fine trials are better on average than coarse ones: " + fine + " vs " + coarse);
        assertTrue(Math.abs(Math.log10(result.best().setting().get("lr")) + 2) < 0.7, result.best().toString());
    }

    @Test void drawsAreLogUniform() {
        RandomSearch.Range range = new RandomSearch.Range("lr", 1e-6, 1);
        Generator random = new Generator(4);
        int below = 0, n = 4000;
        for (int i = 0; i < n; i++) if (range.draw(random) < 1e-3) below++;        // the geometric midpoint
        assertEquals(0.5, (double) below / n, 0.03);
    }

    @Test void gradientDescentBeatsRandomSearchAndRandomLocalSearch() throws IOException {
        TensorDataset train = FashionMnist.readTraining(FashionMnist.Sources.defaults().sample());
        Tensor x = train.features().slice(0, 0, 1000).reshape(1000, 784);
        int[] labels = java.util.Arrays.copyOf(KnnTest.labels(train), 1000);
        Tensor test = train.features().slice(0, 1000, 2000).reshape(1000, 784);
        int[] testLabels = java.util.Arrays.copyOfRange(KnnTest.labels(train), 1000, 2000);
        List<OptimizerComparison.Outcome> outcomes = OptimizerComparison.run(new OptimizerComparison.Data(x, labels, test,
                testLabels, 10), new OptimizerComparison.Config(LinearClassifier.Loss.SVM, 40, 0.01f, 0.01f, 0.05f, 0f, 3), null);
        assertEquals(List.of("random search", "random local search", "gradient descent"),
                outcomes.stream().map(OptimizerComparison.Outcome::method).toList());
        OptimizerComparison.Outcome random = outcomes.get(0), local = outcomes.get(1), descent = outcomes.get(2);
        assertTrue(descent.testAccuracy() > local.testAccuracy() && descent.testAccuracy() > random.testAccuracy(), outcomes.toString());
        assertTrue(descent.loss() < local.loss() && descent.loss() < random.loss(), outcomes.toString());
        assertTrue(descent.testAccuracy() > 0.6, outcomes.toString());
        for (OptimizerComparison.Outcome outcome : outcomes) {
            assertEquals(40, outcome.losses().length, outcome.method() + ": a training loss per iteration");
        }
        for (OptimizerComparison.Outcome search : List.of(random, local)) {
            for (int i = 1; i < 40; i++) assertTrue(search.losses()[i] <= search.losses()[i - 1], search.method() + " keeps the best");
            assertEquals(search.loss(), search.losses()[39], search.method());
        }
        assertTrue(descent.losses()[39] < descent.losses()[0] && descent.loss() < descent.losses()[39], "descent descends");
    }

    @Test void crossValidationScoresEachFoldAsAPlainSplitWould() throws IOException {
        TensorDataset train = FashionMnist.readTraining(FashionMnist.Sources.defaults().sample());
        Tensor x = train.features().slice(0, 0, 600).reshape(600, 784);
        int[] labels = java.util.Arrays.copyOf(KnnTest.labels(train), 600);
        KnnCrossValidation.Result result = KnnCrossValidation.run(x, labels, new int[] {1, 3, 50}, Distance.L2, 3,
                new Generator(8), null);
        assertEquals(3, result.accuracies()[0].length);
        // fold 1 by hand: the same shuffle, a plain KNN on the other folds
        List<Split<Integer>> splits = Split.kFold(new fovea.data.Dataset<Integer>() {
            @Override public int size() { return 600; }
            @Override public Integer get(int index) { return index; }
        }, 3, new Generator(8));
        int[] trainRows = splits.get(1).train().indices(), validationRows = splits.get(1).validation().indices();
        Knn knn = new Knn(Rows.select(x, trainRows), Rows.gather(labels, trainRows));
        double accuracy = Knn.accuracy(knn.predict(Rows.select(x, validationRows), 3, Distance.L2),
                Rows.gather(labels, validationRows));
        assertEquals(accuracy, result.accuracies()[1][1], 1e-12);
        assertTrue(result.mean(0) > 0.6 && result.mean(2) < result.mean(0), "k=50 of 400 training images is too smooth");
        assertEquals(result.mean(0) >= result.mean(1) ? 1 : 3, result.bestK());
        double m = result.mean(1), var = 0;
        for (double a : result.accuracies()[1]) var += (a - m) * (a - m) / 3;
        assertEquals(Math.sqrt(var), result.std(1), 1e-12);
    }
}
