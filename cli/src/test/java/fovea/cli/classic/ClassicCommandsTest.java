package fovea.cli.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.ForPeople;
import fovea.cli.JsonReads;
import fovea.cli.MainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea knn, linear and search end to end on the Fashion-MNIST sample shipped in the repository. */
class ClassicCommandsTest {
    private static String sample() {
        return Path.of(System.getProperty("fovea.root", ".."), "data", "fashion-mnist-sample").toString();
    }

    private static Map<String, Object> results(Path folder) throws Exception {
        return JsonReads.object(Files.readString(folder.resolve("results.json")));
    }

    @Test void knnJsonIsOneObjectWithResultsAndSeconds(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("knn", "--data", sample(), "--k", "1,5", "--distance", "l1,l2", "--json",
                "--limit-test", "40", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        Map<String, Object> json = JsonReads.object(run.out());
        List<Object> list = JsonReads.list(json, "results");
        assertEquals(4, list.size());
        Map<String, Object> first = JsonReads.object(list, 0);
        assertEquals(1, JsonReads.number(first, "k"));
        assertEquals("l1", JsonReads.string(first, "distance"));
        double accuracy = JsonReads.number(first, "accuracy");
        assertTrue(accuracy > 0.6 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(JsonReads.number(json, "seconds") > 0);
        assertEquals(40, JsonReads.number(json, "test_size"));
        assertEquals(json, results(dir), "the run folder's results.json holds the same object");
        // knn.png: every k up to the largest asked, from the one search; the table's ks are points of the curve
        List<Object> curves = JsonReads.list(json, "accuracy_by_k");
        assertEquals(2, curves.size());
        Map<String, Object> l1 = JsonReads.object(curves, 0);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), JsonReads.list(l1, "k"));
        assertEquals(accuracy, (Double) JsonReads.list(l1, "accuracy").get(0));
        assertEquals(JsonReads.number(JsonReads.object(list, 1), "accuracy"), (Double) JsonReads.list(l1, "accuracy").get(4));
        assertTrue(ImageIO.read(dir.resolve("knn.png").toFile()).getWidth() >= 700);
        assertTrue(run.err().contains("knn.png: test accuracy for k = 1..5, l1 and l2"), run.err());
        ForPeople.check(run.err());
    }

    @Test void knnSaysWhatThePreprocessingIsInTheWordsOfResultsJson(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("knn", "--data", sample(), "--k", "1", "--preprocess", "pca:20",
                "--limit-train", "500", "--limit-test", "20", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().matches("(?s).*preprocessing: pca \\(20 components of 784 features, \\d+\\.\\d% of the variance\\).*"),
                run.out());
        ForPeople.check(run.out());
        MainTest.Run none = MainTest.run("knn", "--data", sample(), "--k", "1", "--limit-train", "500", "--limit-test", "20",
                "--out", dir.toString());
        assertTrue(none.out().contains("preprocessing: none (784 features)"), none.out());
        assertTrue(ImageIO.read(dir.resolve("knn.png").toFile()).getWidth() >= 700, "one k: a point per distance");
    }

    @Test void knnCrossValidationWritesTheTableAndThePlot(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("knn", "--data", sample(), "--folds", "3", "--k", "1,3,7", "--limit-train", "600",
                "--limit-test", "30", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("3-fold cross-validation, l2 distance, 600 training images"), run.out());
        assertTrue(run.out().contains("best k for l2: "), run.out());
        Map<String, Object> results = results(dir);
        assertEquals(3, JsonReads.list(results, "cross_validation").size());
        assertEquals(3, JsonReads.list(JsonReads.object(JsonReads.list(results, "cross_validation"), 0), "folds").size());
        assertEquals(1, JsonReads.list(results, "results").size(), "the test set is classified once, with the best k");
        assertTrue(ImageIO.read(dir.resolve("cv.png").toFile()).getWidth() >= 700);
    }

    @Test void knnArgumentErrorsSayWhatWasExpected() {
        String[][] cases = {
            {"--k", "0"}, {"--distance", "l3"}, {"--k", "5000"}, {"--preprocess", "pca:0"}, {"--preprocess", "blur"}};
        String[] expected = {"--k must be >= 1; got 0", "unknown --distance 'l3'; expected l1 or l2",
            "--k must be <= 4000, the training images used; got 5000",
            "--preprocess pca:0: expected a number of components >= 1; got '0'",
            "unknown --preprocess 'blur'; expected none, center, standardize, pca:N, whiten, whiten:N or zca"};
        for (int i = 0; i < cases.length; i++) {
            MainTest.Run run = MainTest.run("knn", "--data", sample(), "--limit-test", "5", cases[i][0], cases[i][1]);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().startsWith("fovea knn: " + expected[i]), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
    }

    @Test void linearWritesTemplatesCurvesAndResults(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("linear", "--data", sample(), "--loss", "svm", "--epochs", "2", "--validation", "500",
                "--preprocess", "standardize", "--limit-train", "2500", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("epoch 2/2"), run.out());
        Map<String, Object> results = results(dir);
        double accuracy = JsonReads.number(results, "test_accuracy");
        assertTrue(accuracy > 0.65 && accuracy <= 1, "accuracy " + accuracy);
        assertEquals("standardize", JsonReads.string(results, "preprocess"));
        assertTrue(ImageIO.read(dir.resolve("templates.png").toFile()).getWidth() >= 5 * 28 * 4, "five templates a row");
        assertTrue(Files.size(dir.resolve("curves.png")) > 0 && Files.size(dir.resolve("model.safetensors")) > 0);
        assertTrue(run.out().contains("lr 0.01, reg 1e-4, batch 200, 2 epochs"), run.out());
        ForPeople.check(run.out());
        // the weights say who wrote them: eval, which reads fovea train's models, says so instead of failing to parse
        MainTest.Run eval = MainTest.run("eval", "--weights", dir.resolve("model.safetensors").toString());
        assertEquals(2, eval.code(), eval.err());
        assertTrue(eval.err().contains("was written by fovea linear, not fovea train"), eval.err());
    }

    @Test void linearComparesTheThreeWaysToOptimize(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("linear", "--data", sample(), "--compare-optimizers", "--loss", "svm", "--iterations", "10",
                "--limit-train", "800", "--validation", "100", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        List<Object> optimizers = JsonReads.list(results(dir), "optimizers");
        assertEquals(3, optimizers.size());
        assertEquals("gradient descent", JsonReads.string(JsonReads.object(optimizers, 2), "method"));
        assertTrue(run.out().contains("random local search"), run.out());
        for (int m = 0; m < 3; m++) {
            List<Object> losses = JsonReads.list(JsonReads.object(optimizers, m), "losses");
            assertEquals(10, losses.size(), "a loss per iteration");
            if (m < 2) assertEquals(JsonReads.number(JsonReads.object(optimizers, m), "loss"), (Double) losses.get(9), "where it ended");
        }
        assertTrue(ImageIO.read(dir.resolve("optimizers.png").toFile()).getWidth() >= 700);
        assertTrue(run.out().contains("optimizers.png: "), run.out());
        ForPeople.check(run.out());
    }

    @Test void searchSortsTheTrialsAndTestsTheBestOnce(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("search", "--data", sample(), "--coarse-trials", "3", "--fine-trials", "2",
                "--fine-epochs", "1", "--limit-train", "1000", "--validation", "300", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        Map<String, Object> results = results(dir);
        List<Object> trials = JsonReads.list(results, "trials");
        assertEquals(5, trials.size());
        for (int i = 1; i < trials.size(); i++) {
            assertTrue(JsonReads.number(JsonReads.object(trials, i - 1), "validation_accuracy")
                    >= JsonReads.number(JsonReads.object(trials, i), "validation_accuracy"), "sorted by validation accuracy");
        }
        assertEquals(JsonReads.number(JsonReads.object(trials, 0), "lr"),
                JsonReads.number(JsonReads.object(results, "best"), "lr"));
        assertTrue(results.containsKey("test_accuracy"));
        assertTrue(Files.size(dir.resolve("search.png")) > 0);
        assertTrue(run.out().contains("retrained on 1000 images for 1 epoch: "), run.out());
        ForPeople.check(run.out());
        assertEquals(2, MainTest.run("search", "--lr-range", "1:0.1").code());
    }

    @Test void everyClassicCommandHasHelp() {
        for (String command : new String[] {"knn", "linear", "search"}) {
            MainTest.Run run = MainTest.run(command, "--help");
            assertEquals(0, run.code());
            assertTrue(run.out().contains("Usage: fovea " + command) && run.out().contains("--preprocess"), run.out());
        }
    }
}
