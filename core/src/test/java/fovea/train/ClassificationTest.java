package fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.Batch;
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

/** Classification on the loop learns, resumes exactly, stops on a NaN with a useful message, and honours its callbacks. */
class ClassificationTest {
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

    private static Classification task(Generator random) {
        Module model = model(random);
        return new Classification(model, new Adam(model.parameters(), Adam.Config.defaults().withLr(0.01f)),
                Losses::crossEntropy, random);
    }

    private static Loop<Batch> trainer(Generator random, int epochs) {
        return new Loop<>(task(random), epochs);
    }

    private static Classification classification(Loop<Batch> loop) {
        return (Classification) loop.task();
    }

    private static DataLoader<Batch> loader(TensorDataset data) {
        return DataLoader.of(data, DataLoader.Config.training(16, 7), new HorizontalFlip(0.5f));
    }

    @Test void learnsAndReports() {
        Loop<Batch> trainer = trainer(new Generator(1), 8);
        DataLoader<Batch> train = loader(blobs(300, 2));
        trainer.add(new Babysitting(classification(trainer).model(), train, 3));
        List<Diagnostics.Finding> findings = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<Integer> batchesSeen = new ArrayList<>();
        trainer.add(new Callback() {
            @Override public void onFindings(int epoch, List<Diagnostics.Finding> found) {
                findings.addAll(found);
                checks.add(epoch + " " + found.get(0).figure());
            }

            @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
                if (epoch == 1) batchesSeen.add(batch);
            }
        });
        DataLoader<Batch> validation = DataLoader.of(blobs(90, 99), DataLoader.Config.evaluation(32));
        History history = trainer.fit(train, validation);
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
        Evaluation evaluation = classification(trainer).evaluation(validation);
        assertEquals(history.last().validationAccuracy(), evaluation.accuracy(), 1e-12);
        assertEquals(90, evaluation.examples());
        assertEquals(90, java.util.Arrays.stream(evaluation.confusionMatrix()).flatMapToLong(java.util.Arrays::stream).sum());
        assertTrue(evaluation.topK(2) >= evaluation.accuracy() && evaluation.topK(3) == 1.0);
        Tensor probabilities = classification(trainer).predict(blobs(5, 3).features());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, probabilities.sum(1, false).toArray(), 1e-5f);
    }

    @Test void resumingGivesTheSameWeightsAsNeverStopping(@TempDir Path dir) throws Exception {
        TensorDataset data = blobs(200, 4);
        Loop<Batch> straight = trainer(new Generator(5), 4);
        straight.fit(loader(data), null);

        Path file = dir.resolve("checkpoint.safetensors");
        Loop<Batch> first = trainer(new Generator(5), 2).add(new CheckpointWriter(file));
        first.fit(loader(data), null);
        Loop<Batch> resumed = trainer(new Generator(123), 4);         // fresh objects, different initial weights
        resumed.resume(Checkpoint.read(file));
        assertEquals(2, resumed.epochsDone());
        resumed.fit(loader(data), null);

        classification(straight).model().stateDict().forEach((name, tensor) ->
                assertArrayEquals(tensor.toArray(), classification(resumed).model().stateDict().get(name).toArray(), name));
        assertEquals(straight.history().toCsv().lines().map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList(),
                resumed.history().toCsv().lines().map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList(),
                "the same losses and accuracies, epoch by epoch (seconds differ)");
    }

    /** A plateau schedule and early stopping keep their counters across a resume: the same rates, weights and stop. */
    @Test void callbacksWithStateResumeToo(@TempDir Path dir) throws Exception {
        TensorDataset data = blobs(120, 4);
        DataLoader<Batch> validation = DataLoader.of(blobs(60, 41), DataLoader.Config.evaluation(32));
        java.util.function.BiFunction<Integer, Integer, Loop<Batch>> run = (seed, epochs) -> {
            Loop<Batch> loop = trainer(new Generator(seed), epochs);
            var plateau = new fovea.optim.ReduceOnPlateau(classification(loop).optimizer(),
                    fovea.optim.ReduceOnPlateau.Config.defaults().withMode(fovea.optim.ReduceOnPlateau.Mode.MAX)
                            .withPatience(0).withFactor(0.5f));
            return loop.add(Schedules.onPlateau(plateau)).add(new EarlyStopping(3, 0.02));
        };
        Loop<Batch> straight = run.apply(5, 12);
        straight.fit(loader(data), validation);

        Path file = dir.resolve("checkpoint.safetensors");
        Loop<Batch> first = run.apply(5, 4).add(new CheckpointWriter(file));
        first.fit(loader(data), validation);
        Checkpoint saved = Checkpoint.read(file);
        assertEquals(java.util.Set.of("model", "optimizer", "generator", "callback_OnPlateau", "callback_EarlyStopping"),
                saved.parts().keySet());
        Loop<Batch> resumed = run.apply(77, 12);
        resumed.resume(saved);
        resumed.fit(loader(data), validation);

        assertTrue(straight.history().epochs().size() < 12, "early stopping ended the run: " + straight.history().toCsv());
        assertTrue(straight.history().epochs().stream().map(EpochResult::learningRates).distinct().count() > 1,
                "the plateau schedule lowered the rate: " + straight.history().toCsv());
        assertTrue(resumed.history().epochs().size() > 4, "the resumed run trained on");
        assertEquals(straight.history().epochs().size(), resumed.history().epochs().size(), "stopped at the same epoch");
        assertEquals(straight.history().epochs().stream().map(EpochResult::learningRates).toList(),
                resumed.history().epochs().stream().map(EpochResult::learningRates).toList(), "the same rates, epoch by epoch");
        classification(straight).model().stateDict().forEach((name, tensor) ->
                assertArrayEquals(tensor.toArray(), classification(resumed).model().stateDict().get(name).toArray(), name));

        Loop<Batch> without = trainer(new Generator(5), 12);
        var error = assertThrows(IllegalArgumentException.class, () -> without.resume(saved));
        assertTrue(error.getMessage().contains("unexpected part: callback_EarlyStopping"), error.getMessage());
    }

    @Test void aNanLossStopsNamingTheStepAndLayerAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        Generator random = new Generator(6);
        Linear first = new Linear(4, 8, random);
        Sequential model = new Sequential(new Flatten(), first, new Relu(), new Linear(8, 3, random));
        Loop<Batch> trainer = new Loop<>(new Classification(model, new Sgd(model.parameters(),
                Sgd.Config.defaults().withLr(0.1f)), Losses::crossEntropy, random), 3);
        Path file = dir.resolve("checkpoint.safetensors");
        trainer.add(new CheckpointWriter(file));
        trainer.add(new Callback() {
            @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
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
        assertTrue(Diagnostics.finite(kept.part("model").get("1.weight")));
        saved[0] = Files.readAllBytes(file);
        assertTrue(saved[0].length > 0);
    }

    @Test void aPerStepScheduleFollowsTheLoopsSteps() {
        Classification task = task(new Generator(3));
        fovea.optim.LrScheduler scheduler = new fovea.optim.LrScheduler(task.optimizer(),
                new fovea.optim.StepLr(0.01f, 5, 0.5f), fovea.optim.LrScheduler.Interval.STEP);
        List<Double> rates = new ArrayList<>();
        Loop<Batch> loop = new Loop<>(task, 2).add(Schedules.of(scheduler)).add(new Callback() {
            @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
                rates.add((double) task.optimizer().lr());
            }
        });
        loop.fit(loader(blobs(64, 8)), null);                      // 4 batches an epoch, 8 steps
        assertEquals(8, loop.steps());
        assertEquals(List.of(0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.005),
                rates.stream().map(r -> Math.round(r * 1e6) / 1e6).toList(), "halved after step 5, per step not per epoch");
        assertEquals(0.005f, task.optimizer().lr(), 1e-9);
    }

    @Test void earlyStoppingEndsTheRun() {
        Loop<Batch> trainer = trainer(new Generator(9), 50);
        trainer.add(new EarlyStopping(2, 1.0));                   // accuracy cannot improve by 1 after epoch 1
        History history = trainer.fit(loader(blobs(60, 10)), null);
        assertEquals(3, history.epochs().size());
    }

    @Test void historyRoundTripsThroughCsvAndWritesJson() {
        History history = new History();
        history.add(EpochResult.classification(1, 0.5, 0.8, Double.NaN, Double.NaN, 1.25, 0.01));
        history.add(EpochResult.classification(2, 0.25, 0.9, 0.3, 0.85, 1.5, 0.01));
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
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,lr", history.toCsv().lines().findFirst().get());
        assertThrows(IllegalArgumentException.class, () -> History.fromCsv("nonsense"));
        History gan = new History(List.of("d_loss", "g_loss"));
        gan.add(new EpochResult(1, java.util.Map.of("d_loss", 0.5, "g_loss", 2.0), java.util.Map.of("d_loss", Double.NaN,
                "g_loss", Double.NaN), 3.0, new java.util.LinkedHashMap<>(java.util.Map.of("lr_d", 1e-4))));
        assertEquals("epoch,train_d_loss,train_g_loss,val_d_loss,val_g_loss,seconds,lr_d", gan.toCsv().lines().findFirst().get());
        assertEquals(gan.toCsv(), History.fromCsv(gan.toCsv()).toCsv());
    }

    /** An objective that doubles the loss moves plain SGD's weights exactly twice as far as the default one. */
    @Test void theObjectiveIsWhatTheStepMinimizes() {
        TensorDataset data = blobs(12, 3);
        Batch batch = new Batch(data.features(), data.labels());
        float[][] moved = new float[2][];
        float[] start = null;
        for (int run = 0; run < 2; run++) {
            Generator random = new Generator(5);
            Module model = new Sequential(new Flatten(), new Linear(4, 3, random));
            start = model.parameters().get(0).toArray();
            Classification.Objective doubled = (x, y) -> {
                Tensor scores = model.call(x);
                return new Classification.Scored(scores, Losses.crossEntropy(scores, y).mul(2f));
            };
            Classification task = new Classification(model, new Sgd(model.parameters(), Sgd.Config.defaults().withLr(0.1f)),
                    Losses::crossEntropy, random, run == 0 ? null : doubled);
            StepResult step = task.trainStep(batch);
            moved[run] = model.parameters().get(0).toArray();
            assertTrue(step.scalars().get("loss") > 0, "the objective's loss is reported");
        }
        for (int i = 0; i < start.length; i++) {
            assertEquals(2 * (moved[0][i] - start[i]), moved[1][i] - start[i], 1e-6, "weight " + i);
        }
    }
}
