package fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.BatchSource;
import fovea.io.Checkpoint;
import fovea.nn.Linear;
import fovea.nn.Losses;
import fovea.optim.Optimizer;
import fovea.optim.Sgd;
import fovea.tensor.Generator;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's shape on the one loop: the examples are produced while it trains (a noisy process y = 3x + 1 observed a
 * few points a step), kept in a bounded ring buffer, and batches are sampled from it with replacement; the buffer is
 * part of the checkpoint, so a resumed run ends where an uninterrupted one does.
 */
class ProducedDataTaskTest {
    private static final int CAPACITY = 50;

    /** A bounded buffer of (x, y) pairs that overwrites its oldest entries; all of it is state. */
    private static final class RingBuffer implements Stateful {
        final float[] xs = new float[CAPACITY];
        final float[] ys = new float[CAPACITY];
        int size;
        int next;

        void add(float x, float y) {
            xs[next] = x;
            ys[next] = y;
            next = (next + 1) % CAPACITY;
            size = Math.min(size + 1, CAPACITY);
        }

        @Override public Map<String, Tensor> stateDict() {
            Map<String, Tensor> state = new LinkedHashMap<>();
            state.put("x", Tensor.of(xs, CAPACITY));
            state.put("y", Tensor.of(ys, CAPACITY));
            state.put("size", Tensor.scalar(size));
            state.put("next", Tensor.scalar(next));
            return state;
        }

        @Override public void loadStateDict(Map<String, Tensor> state) {
            Stateful.check("RingBuffer", Stateful.problems(stateDict(), state));
            System.arraycopy(state.get("x").toArray(), 0, xs, 0, CAPACITY);
            System.arraycopy(state.get("y").toArray(), 0, ys, 0, CAPACITY);
            size = (int) state.get("size").item();
            next = (int) state.get("next").item();
        }
    }

    /** Observes 4 new points a step, then fits a line to 32 points drawn with replacement from the buffer. */
    private static final class Learner implements Task<Integer> {
        final Linear line;
        final Optimizer optimizer;
        final RingBuffer buffer = new RingBuffer();
        final Generator world;
        int maxSize;
        boolean repeatedDraws;

        Learner(long seed) {
            Generator random = new Generator(seed);
            line = new Linear(1, 1, random);
            optimizer = new Sgd(line.parameters(), Sgd.Config.defaults().withLr(0.1f));
            world = new Generator(seed + 1);
        }

        @Override public List<String> metrics() {
            return List.of("loss");
        }

        @Override public StepResult trainStep(Integer step) {
            for (int i = 0; i < 4; i++) {
                float x = (float) (world.nextDouble() * 2 - 1);
                buffer.add(x, 3 * x + 1 + (float) (0.01 * world.nextGaussian()));
            }
            maxSize = Math.max(maxSize, buffer.size);
            float[] x = new float[32];
            float[] y = new float[32];
            boolean[] drawn = new boolean[CAPACITY];
            for (int i = 0; i < 32; i++) {
                int index = world.nextInt(buffer.size);     // with replacement: an index may come twice
                repeatedDraws |= drawn[index];
                drawn[index] = true;
                x[i] = buffer.xs[index];
                y[i] = buffer.ys[index];
            }
            Tensor loss = Losses.mse(line.call(Tensor.of(x, 32, 1)), Tensor.of(y, 32, 1));
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return new StepResult(Map.of("loss", (double) loss.item()), 32);
        }

        /** The line's mean squared error against the noiseless process, at 21 points of [-1, 1], one per batch given. */
        @Override public Map<String, Double> evaluate(BatchSource<Integer> data) {
            double sum = 0;
            int count = 0;
            try (var ignored = fovea.tensor.GradMode.noGrad(); BatchSource.Batches<Integer> points = data.epoch(0, 0)) {
                while (points.hasNext()) {
                    float x = -1 + points.next() * 0.1f;
                    float error = line.call(Tensor.of(new float[] {x}, 1, 1)).item() - (3 * x + 1);
                    sum += (double) error * error;
                    count++;
                }
            }
            return Map.of("loss", sum / count);
        }

        @Override public Map<String, Stateful> state() {
            Map<String, Stateful> state = new LinkedHashMap<>();
            state.put("line", line);
            state.put("optimizer", optimizer);
            state.put("buffer", buffer);
            state.put("world", world);
            return state;
        }
    }

    @Test void learnsFromWhatItProducesAndResumesExactly(@TempDir Path dir) throws Exception {
        Learner straight = new Learner(1);
        History history = new Loop<>(straight, 4).fit(BatchSource.steps(20), BatchSource.steps(21));
        assertEquals(3, straight.line.weight().item(), 0.05);
        assertEquals(1, straight.line.bias().item(), 0.05);
        assertEquals(CAPACITY, straight.maxSize, "the buffer never grows past its capacity");
        assertTrue(straight.repeatedDraws, "sampling with replacement draws some points twice");
        assertTrue(history.last().trainLoss() < 0.01 * history.epochs().get(0).trainLoss(), history.toCsv());
        assertTrue(history.last().validationLoss() < 0.01 && history.last().validationLoss() < history.epochs().get(0).validationLoss(),
                "the line nears y = 3x + 1 over [-1, 1]: " + history.toCsv());

        Path file = dir.resolve("checkpoint.safetensors");
        new Loop<>(new Learner(1), 2).add(new CheckpointWriter(file)).fit(BatchSource.steps(20), null);
        Learner fresh = new Learner(9);
        Loop<Integer> resumed = new Loop<>(fresh, 4);
        resumed.resume(Checkpoint.read(file));
        resumed.fit(BatchSource.steps(20), null);
        assertArrayEquals(straight.line.weight().toArray(), fresh.line.weight().toArray());
        assertArrayEquals(straight.line.bias().toArray(), fresh.line.bias().toArray());
        assertArrayEquals(straight.buffer.xs, fresh.buffer.xs);
        assertEquals(80, resumed.steps());
    }
}
