package fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.Batch;
import fovea.data.BatchSource;
import fovea.data.DataLoader;
import fovea.data.TensorDataset;
import fovea.io.Checkpoint;
import fovea.nn.Linear;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.nn.Sequential;
import fovea.nn.Tanh;
import fovea.optim.Adam;
import fovea.optim.ExponentialLr;
import fovea.optim.Optimizer;
import fovea.optim.Sgd;
import fovea.optim.StepLr;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GAN's shape on the one loop: two models and two optimizers stepped in alternation, each optimizer with its own
 * schedule (the critic's per epoch, the generator's per step), noise drawn from the task's generator; checkpointed in
 * the middle and resumed by fresh objects, it ends with the same weights as one uninterrupted run.
 */
class TwoPlayerTaskTest {
    private static final float CRITIC_LR = 0.05f;
    private static final float GENERATOR_LR = 0.02f;

    /** A counter a task keeps, as state: the generator's schedule is a function of it. */
    private static final class StepCount implements Stateful {
        long value;

        @Override public Map<String, Tensor> stateDict() {
            return Map.of("steps", Stateful.words(value));
        }

        @Override public void loadStateDict(Map<String, Tensor> state) {
            Stateful.check("StepCount", Stateful.problems(stateDict(), state));
            value = Stateful.longs("StepCount", state.get("steps"))[0];
        }
    }

    /** The critic tells real 2-D points from the generator's; the generator maps noise to points the critic calls real. */
    private static final class Duel implements Task<Batch> {
        final Module critic;
        final Module generator;
        final Optimizer criticOptimizer;
        final Optimizer generatorOptimizer;
        final StepLr criticSchedule;
        final ExponentialLr generatorSchedule;
        final StepCount generatorSteps = new StepCount();
        final Generator noise;

        Duel(long seed) {
            this(seed, 0.5f, 0.99f);
        }

        Duel(long seed, float criticGamma, float generatorGamma) {
            criticSchedule = new StepLr(CRITIC_LR, 1, criticGamma);
            generatorSchedule = new ExponentialLr(GENERATOR_LR, generatorGamma);
            Generator random = new Generator(seed);
            critic = new Sequential(new Linear(2, 8, random), new Tanh(), new Linear(8, 1, random));
            generator = new Linear(2, 2, random);
            criticOptimizer = new Sgd(critic.parameters(), Sgd.Config.defaults().withLr(CRITIC_LR));
            generatorOptimizer = new Adam(generator.parameters(), Adam.Config.defaults().withLr(GENERATOR_LR));
            noise = new Generator(seed + 1);
        }

        @Override public List<String> metrics() {
            return List.of("d_loss", "g_loss");
        }

        @Override public StepResult trainStep(Batch batch) {
            int n = batch.size();
            Tensor fake = generator.call(Tensor.randn(noise, n, 2)).detach();
            Tensor dLoss = Losses.bceWithLogits(critic.call(batch.features()), Tensor.ones(n, 1))
                    .add(Losses.bceWithLogits(critic.call(fake), Tensor.zeros(n, 1)));
            criticOptimizer.zeroGrad();
            dLoss.backward();
            criticOptimizer.step();

            generatorOptimizer.setLr(generatorSchedule.lr(Math.toIntExact(generatorSteps.value)));
            Tensor gLoss = Losses.bceWithLogits(critic.call(generator.call(Tensor.randn(noise, n, 2))), Tensor.ones(n, 1));
            generatorOptimizer.zeroGrad();
            gLoss.backward();
            generatorOptimizer.step();
            generatorSteps.value++;
            Map<String, Double> scalars = new LinkedHashMap<>();
            scalars.put("d_loss", (double) dLoss.item());
            scalars.put("g_loss", (double) gLoss.item());
            return new StepResult(scalars, n);
        }

        /** Both losses over held-out real points, against fakes from a fixed noise stream, without recording. */
        @Override public Map<String, Double> evaluate(BatchSource<Batch> data) {
            Generator fixed = new Generator(0);                    // not the training noise: evaluation draws nothing of it
            double d = 0;
            double g = 0;
            long count = 0;
            try (var ignored = GradMode.noGrad(); BatchSource.Batches<Batch> batches = data.epoch(0, 0)) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    int n = batch.size();
                    Tensor fakeScores = critic.call(generator.call(Tensor.randn(fixed, n, 2)));
                    d += (double) Losses.bceWithLogits(critic.call(batch.features()), Tensor.ones(n, 1))
                            .add(Losses.bceWithLogits(fakeScores, Tensor.zeros(n, 1))).item() * n;
                    g += (double) Losses.bceWithLogits(fakeScores, Tensor.ones(n, 1)).item() * n;
                    count += n;
                }
            }
            Map<String, Double> scalars = new LinkedHashMap<>();
            scalars.put("d_loss", d / count);
            scalars.put("g_loss", g / count);
            return scalars;
        }

        @Override public void onEpochEnd(EpochResult result) {
            criticOptimizer.setLr(criticSchedule.lr(result.epoch()));
        }

        @Override public Map<String, Double> learningRates() {
            Map<String, Double> rates = new LinkedHashMap<>();
            rates.put("lr_d", (double) criticOptimizer.lr());
            rates.put("lr_g", (double) generatorOptimizer.lr());
            return rates;
        }

        @Override public Map<String, Stateful> state() {
            Map<String, Stateful> state = new LinkedHashMap<>();
            state.put("critic", critic);
            state.put("generator", generator);
            state.put("critic_optimizer", criticOptimizer);
            state.put("generator_optimizer", generatorOptimizer);
            state.put("generator_steps", generatorSteps);
            state.put("noise", noise);
            return state;
        }
    }

    /** Real points around (2, -1). */
    private static DataLoader<Batch> realPoints() {
        Generator random = new Generator(11);
        Tensor points = Tensor.randn(random, 96, 2).mul(0.3f).add(Tensor.of(new float[] {2, -1}, 2));
        return DataLoader.of(new TensorDataset(points, Tensor.zeros(96)), DataLoader.Config.training(16, 3));
    }

    @Test void resumingMidRunGivesTheSameWeightsAsNeverStopping(@TempDir Path dir) throws Exception {
        Duel straight = new Duel(1);
        History history = new Loop<>(straight, 4).fit(realPoints(), realPoints());

        Path file = dir.resolve("checkpoint.safetensors");
        new Loop<>(new Duel(1), 2).add(new CheckpointWriter(file)).fit(realPoints(), realPoints());
        Duel fresh = new Duel(77);                                   // other weights, other noise
        Loop<Batch> resumed = new Loop<>(fresh, 4);
        resumed.resume(Checkpoint.read(file));
        assertEquals(2, resumed.epochsDone());
        resumed.fit(realPoints(), realPoints());

        for (var pair : List.of(List.of(straight.critic, fresh.critic), List.of(straight.generator, fresh.generator))) {
            pair.get(0).stateDict().forEach((name, tensor) ->
                    assertArrayEquals(tensor.toArray(), pair.get(1).stateDict().get(name).toArray(), name));
        }
        assertEquals(24, fresh.generatorSteps.value, "4 epochs of 6 steps");
        assertEquals(CRITIC_LR * 0.0625f, fresh.criticOptimizer.lr(), 1e-9, "halved after each of 4 epochs");
        assertEquals(GENERATOR_LR * Math.pow(0.99, 23), fresh.generatorOptimizer.lr(), 1e-8, "the rate of the 24th step");
        assertEquals(history.toCsv().lines().map(l -> l.replaceAll(",[^,]*,[^,]*,[^,]*$", "")).toList(),
                resumed.history().toCsv().lines().map(l -> l.replaceAll(",[^,]*,[^,]*,[^,]*$", "")).toList(),
                "the same losses epoch by epoch (seconds differ)");
        assertTrue(history.epochs().stream().allMatch(e -> Double.isFinite(e.validation().get("d_loss"))
                && e.validation().get("g_loss") > 0), "validation figures every epoch: " + history.toCsv());
        assertEquals("epoch,train_d_loss,train_g_loss,val_d_loss,val_g_loss,seconds,lr_d,lr_g",
                history.toCsv().lines().findFirst().orElseThrow());
    }

    @Test void theGeneratorMovesTowardTheRealPoints() {
        Duel duel = new Duel(2, 1, 1);
        double before = distanceOfTheFakesFromTheRealMean(duel);
        new Loop<>(duel, 30).fit(realPoints(), null);
        double after = distanceOfTheFakesFromTheRealMean(duel);
        assertTrue(after < 0.6 * before, "the fakes' mean moved from " + before + " to " + after + " away from (2, -1)");
    }

    private static double distanceOfTheFakesFromTheRealMean(Duel duel) {
        try (var ignored = GradMode.noGrad()) {
            float[] m = duel.generator.call(Tensor.randn(new Generator(5), 512, 2)).mean(0, false).toArray();
            return Math.hypot(m[0] - 2, m[1] + 1);
        }
    }
}
