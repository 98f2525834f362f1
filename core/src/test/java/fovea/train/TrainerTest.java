package fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.DataLoader;
import fovea.data.HorizontalFlip;
import fovea.data.TensorDataset;
import fovea.io.Checkpoint;
import fovea.nn.Dropout;
import fovea.nn.Flatten;
import fovea.nn.Linear;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.optim.Adam;
import fovea.optim.Sgd;
import fovea.tensor.GradMode;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop learns, resumes exactly, stops on a NaN with a useful message, and honours its callbacks. */
class TrainerTest {
    /** Noisy 2x2 "images": class 0 has a bright top row, class 1 a bright bottom row, class 2 neither (flip-invariant). */
    private static TensorDataset blobs(int n, long seed) {
        Generator random = new Generator(seed);
        float[] features = new float[n * 4];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels[i] = label;
            for (int f = 0; f < 4; f++) features[i * 4 + f] = (float) (random.nextGaussian() * 0.5 + (f / 2 == label ? 2 : 0));
        }
        return new TensorDataset(Tensor.of(features, n, 1, 2, 2), Tensor.of(labels, n));
    }

    private static Module model(Generator random) {
        return new Sequential(new Flatten(), new Linear(4, 16, random), new Relu(), new Dropout(0.2f, random),
                new Linear(16, 3, random));
    }

    private static Trainer trainer(Generator random, int epochs) {
        Module model = model(random);
        return new Trainer(model, new Adam(model.parameters(), Adam.Config.defaults().withLr(0.01f)), random,
                new Trainer.Config(epochs, Losses::crossEntropy, true));
    }

    private static DataLoader loader(TensorDataset data) {
        return new DataLoader(data, DataLoader.Config.training(16, 7), new HorizontalFlip(0.5f));
    }

    @Test void learnsAndReports() {
        Trainer trainer = trainer(new Generator(1), 8);
        List<Diagnostics.Finding> findings = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<Integer> batchesSeen = new ArrayList<>();
        trainer.add(new Callback() {
            @Override public void onFindings(int epoch, List<Diagnostics.Finding> found) {
                findings.addAll(found);
                checks.add(epoch + " " + found.get(0).figure());
            }

            @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy, int examples) {
                if (epoch == 1) batchesSeen.add(batch);
            }
        });
        DataLoader validation = new DataLoader(blobs(90, 99), DataLoader.Config.evaluation(32));
        History history = trainer.fit(loader(blobs(300, 2)), validation);
        assertEquals(8, history.epochs().size());
        assertEquals(19, batchesSeen.size());
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
        assertTrue(history.last().validationAccuracy() > 0.9, history.toCsv());
        assertTrue(findings.stream().anyMatch(f -> f.message().startsWith("loss at initialization")));
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("update/weight ratio")));
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("ReLU units dead")));
        // the loss once, at the first step; the update ratios at every epoch's first step; dead ReLUs after each epoch
        assertEquals(List.of("1 INITIAL_LOSS", "1 UPDATE_RATIO", "1 DEAD_RELUS", "2 UPDATE_RATIO", "2 DEAD_RELUS"),
                checks.subList(0, 5));
        assertEquals(1 + 8 + 8, checks.size(), checks.toString());
        assertTrue(history.epochs().stream().allMatch(e -> e.seconds() > 0));
        Evaluation evaluation = trainer.evaluate(validation);
        assertEquals(history.last().validationAccuracy(), evaluation.accuracy(), 1e-12);
        assertEquals(90, evaluation.scores().size(0));
        Tensor probabilities = trainer.predict(blobs(5, 3).features());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, probabilities.sum(1, false).toArray(), 1e-5f);
    }

    @Test void resumingGivesTheSameWeightsAsNeverStopping(@TempDir Path dir) throws Exception {
        TensorDataset data = blobs(200, 4);
        Trainer straight = trainer(new Generator(5), 4);
        straight.fit(loader(data), null);

        Path file = dir.resolve("checkpoint.safetensors");
        Trainer first = trainer(new Generator(5), 2).add(new CheckpointWriter(file));
        first.fit(loader(data), null);
        Trainer resumed = trainer(new Generator(123), 4);         // fresh objects, different initial weights
        resumed.resume(Checkpoint.read(file));
        assertEquals(2, resumed.epochsDone());
        resumed.fit(loader(data), null);

        straight.model().stateDict().forEach((name, tensor) ->
                assertArrayEquals(tensor.toArray(), resumed.model().stateDict().get(name).toArray(), name));
        assertEquals(straight.history().toCsv().lines().map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList(),
                resumed.history().toCsv().lines().map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList(),
                "the same losses and accuracies, epoch by epoch (seconds differ)");
    }

    @Test void aNanLossStopsNamingTheStepAndLayerAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        Generator random = new Generator(6);
        Linear first = new Linear(4, 8, random);
        Sequential model = new Sequential(new Flatten(), first, new Relu(), new Linear(8, 3, random));
        Trainer trainer = new Trainer(model, new Sgd(model.parameters(), Sgd.Config.defaults().withLr(0.1f)), random,
                new Trainer.Config(3, Losses::crossEntropy, false));
        Path file = dir.resolve("checkpoint.safetensors");
        trainer.add(new CheckpointWriter(file));
        trainer.add(new Callback() {
            @Override public void onEpochEnd(EpochResult result, Trainer.Control control) {
                try (var ignored = GradMode.noGrad()) {
                    first.weight().assign(Tensor.full(Float.NaN, 8, 4));   // poison the weights after epoch 1
                }
            }
        });
        byte[][] saved = new byte[1][];
        var error = assertThrows(TrainingDiverged.class, () -> trainer.fit(loader(blobs(64, 8)), null));
        assertTrue(error.getMessage().startsWith("training stopped at epoch 2, step 1 (overall step 5): the loss is NaN; "
                + "the first non-finite values appear in layer 1 (Linear(inFeatures=4, outFeatures=8, bias=true))"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("the last good checkpoint (epoch 1) is kept"), error.getMessage());
        Checkpoint kept = Checkpoint.read(file);
        assertEquals(1, kept.epoch());
        assertTrue(Diagnostics.finite(kept.model().get("1.weight")));
        saved[0] = Files.readAllBytes(file);
        assertTrue(saved[0].length > 0);
    }

    @Test void earlyStoppingEndsTheRun() {
        Trainer trainer = trainer(new Generator(9), 50);
        trainer.add(new EarlyStopping(2, 1.0));                   // accuracy cannot improve by 1 after epoch 1
        History history = trainer.fit(loader(blobs(60, 10)), null);
        assertEquals(3, history.epochs().size());
    }

    @Test void historyRoundTripsThroughCsvAndWritesJson() {
        History history = new History();
        history.add(new EpochResult(1, 0.5, 0.8, Double.NaN, Double.NaN, 1.25, 0.01));
        history.add(new EpochResult(2, 0.25, 0.9, 0.3, 0.85, 1.5, 0.01));
        assertEquals(history.toCsv(), History.fromCsv(history.toCsv()).toCsv());
        java.util.Map<String, Object> first = new java.util.LinkedHashMap<>();
        first.put("epoch", 1.0);
        first.put("train_loss", 0.5);
        first.put("train_accuracy", 0.8);
        first.put("val_loss", null);           // NaN, which JSON cannot hold
        first.put("val_accuracy", null);
        first.put("seconds", 1.25);
        first.put("lr", 0.01);
        java.util.Map<String, Object> second = java.util.Map.of("epoch", 2.0, "train_loss", 0.25, "train_accuracy", 0.9,
                "val_loss", 0.3, "val_accuracy", 0.85, "seconds", 1.5, "lr", 0.01);
        assertEquals(List.of(first, second), fovea.io.Json.parse(history.toJson()));
        assertTrue(history.toJson().startsWith("[\n  {\n    \"epoch\": 1,\n    \"train_loss\": 0.5,\n"), history.toJson());
        assertEquals("[]\n", new History().toJson());
        assertThrows(IllegalArgumentException.class, () -> History.fromCsv("nonsense"));
    }
}
