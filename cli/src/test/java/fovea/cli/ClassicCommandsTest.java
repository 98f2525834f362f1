package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea knn, linear and search end to end on the Fashion-MNIST sample shipped in the repository. */
class ClassicCommandsTest {
    private static String sample() {
        return Path.of(System.getProperty("fovea.root", ".."), "data", "fashion-mnist-sample").toString();
    }

    private static JsonObject results(Path folder) throws Exception {
        return JsonParser.parseString(Files.readString(folder.resolve("results.json"))).getAsJsonObject();
    }

    @Test void knnJsonIsOneObjectWithResultsAndSeconds(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("knn", "--data", sample(), "--k", "1,5", "--distance", "l1,l2", "--json",
                "--limit-test", "40", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray list = json.getAsJsonArray("results");
        assertEquals(4, list.size());
        JsonObject first = list.get(0).getAsJsonObject();
        assertEquals(1, first.get("k").getAsInt());
        assertEquals("l1", first.get("distance").getAsString());
        double accuracy = first.get("accuracy").getAsDouble();
        assertTrue(accuracy > 0.6 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(json.get("seconds").getAsDouble() > 0);
        assertEquals(40, json.get("test_size").getAsInt());
        assertEquals(json, results(dir), "the run folder's results.json holds the same object");
    }

    @Test void knnCrossValidationWritesTheTableAndThePlot(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("knn", "--data", sample(), "--folds", "3", "--k", "1,3,7", "--limit-train", "600",
                "--limit-test", "30", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("3-fold cross-validation, l2 distance, 600 training images"), run.out());
        assertTrue(run.out().contains("best k for l2: "), run.out());
        JsonObject results = results(dir);
        assertEquals(3, results.getAsJsonArray("cross_validation").size());
        assertEquals(3, results.getAsJsonArray("cross_validation").get(0).getAsJsonObject().getAsJsonArray("folds").size());
        assertEquals(1, results.getAsJsonArray("results").size(), "the test set is classified once, with the best k");
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
        JsonObject results = results(dir);
        double accuracy = results.get("test_accuracy").getAsDouble();
        assertTrue(accuracy > 0.65 && accuracy <= 1, "accuracy " + accuracy);
        assertEquals("standardize", results.get("preprocess").getAsString());
        assertTrue(ImageIO.read(dir.resolve("templates.png").toFile()).getWidth() >= 5 * 28 * 4, "five templates a row");
        assertTrue(Files.size(dir.resolve("curves.png")) > 0 && Files.size(dir.resolve("model.safetensors")) > 0);
    }

    @Test void linearComparesTheThreeWaysToOptimize(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("linear", "--data", sample(), "--compare-optimizers", "--loss", "svm", "--iterations", "10",
                "--limit-train", "800", "--validation", "100", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        JsonArray optimizers = results(dir).getAsJsonArray("optimizers");
        assertEquals(3, optimizers.size());
        assertEquals("gradient descent", optimizers.get(2).getAsJsonObject().get("method").getAsString());
        assertTrue(run.out().contains("random local search"), run.out());
    }

    @Test void searchSortsTheTrialsAndTestsTheBestOnce(@TempDir Path dir) throws Exception {
        MainTest.Run run = MainTest.run("search", "--data", sample(), "--coarse-trials", "3", "--fine-trials", "2",
                "--fine-epochs", "1", "--limit-train", "1000", "--validation", "300", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        JsonObject results = results(dir);
        JsonArray trials = results.getAsJsonArray("trials");
        assertEquals(5, trials.size());
        for (int i = 1; i < trials.size(); i++) {
            assertTrue(trials.get(i - 1).getAsJsonObject().get("validation_accuracy").getAsDouble()
                    >= trials.get(i).getAsJsonObject().get("validation_accuracy").getAsDouble(), "sorted by validation accuracy");
        }
        assertEquals(trials.get(0).getAsJsonObject().get("lr").getAsDouble(),
                results.getAsJsonObject("best").get("lr").getAsDouble());
        assertTrue(results.has("test_accuracy"));
        assertTrue(Files.size(dir.resolve("search.png")) > 0);
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
