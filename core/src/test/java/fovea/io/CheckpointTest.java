package fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint round-trips weights, optimizer state, progress and the generator, and is a plain safetensors file. */
class CheckpointTest {
    @TempDir Path folder;

    @Test void roundTripResumesTheSameRandomSequence() throws IOException {
        Generator generator = new Generator(231);
        Map<String, Tensor> model = new LinkedHashMap<>();
        model.put("0.weight", Tensor.randn(generator, 3, 4));
        model.put("0.bias", Tensor.randn(generator, 3));
        model.put("1.num_batches_tracked", Tensor.scalar(12));
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        optimizer.put("state.0.exp_avg", Tensor.randn(generator, 3, 4));
        optimizer.put("state.0.step", Tensor.scalar(40));
        Map<String, String> extra = Map.of("lr", "0.001", "best.val_acc", "0.91", "model", "mlp");
        Checkpoint saved = new Checkpoint(model, optimizer, 2, 40, generator.state(), extra);
        float[] next = Tensor.randn(generator, 5).toArray();

        Path path = folder.resolve("checkpoint.safetensors");
        Checkpoint.write(path, saved);
        Checkpoint loaded = Checkpoint.read(path);

        assertEquals(List.copyOf(model.keySet()), List.copyOf(loaded.model().keySet()));
        assertEquals(List.copyOf(optimizer.keySet()), List.copyOf(loaded.optimizer().keySet()));
        model.forEach((name, tensor) -> assertArrayEquals(tensor.toArray(), loaded.model().get(name).toArray(), name));
        optimizer.forEach((name, tensor) -> assertArrayEquals(tensor.toArray(), loaded.optimizer().get(name).toArray(), name));
        assertEquals(2, loaded.epoch());
        assertEquals(40, loaded.step());
        assertEquals(extra, loaded.extra());
        Generator resumed = new Generator(0);
        resumed.setState(loaded.generatorState());
        assertArrayEquals(next, Tensor.randn(resumed, 5).toArray(), "resumed training draws the same numbers");
    }

    @Test void isAPlainSafetensorsFile() throws IOException {
        Path path = folder.resolve("checkpoint.safetensors");
        Checkpoint.write(path, new Checkpoint(Map.of("w", Tensor.ones(2)), Map.of("m", Tensor.zeros(2)), 1, 7,
                new long[] {-1, 2, Long.MIN_VALUE, Long.MAX_VALUE}, Map.of()));
        Safetensors.Contents contents = Safetensors.read(path);
        assertEquals(List.of("model.w", "optimizer.m"), List.copyOf(contents.tensors().keySet()));
        assertEquals(Map.of("fovea.checkpoint", "1", "epoch", "1", "step", "7",
                "generator", "-1,2,-9223372036854775808,9223372036854775807"), contents.metadata());
        assertArrayEquals(new long[] {-1, 2, Long.MIN_VALUE, Long.MAX_VALUE}, Checkpoint.read(path).generatorState());
    }

    @Test void withoutAGeneratorOrOptimizer() throws IOException {
        Path path = folder.resolve("checkpoint.safetensors");
        Checkpoint saved = new Checkpoint(Map.of("w", Tensor.ones(2)), Map.of(), 0, 0, new long[0], Map.of());
        Checkpoint.write(path, saved);
        Checkpoint loaded = Checkpoint.read(path);
        assertArrayEquals(new long[0], loaded.generatorState());
        assertEquals(Map.of(), loaded.optimizer());
        assertEquals(saved.toString(), loaded.toString());
    }

    @Test void overwritingKeepsOnlyTheNewCheckpoint() throws IOException {
        Path path = folder.resolve("checkpoint.safetensors");
        Checkpoint.write(path, new Checkpoint(Map.of("w", Tensor.ones(2)), Map.of(), 1, 10, new long[0], Map.of()));
        Checkpoint.write(path, new Checkpoint(Map.of("w", Tensor.zeros(2)), Map.of(), 2, 20, new long[0], Map.of()));
        Checkpoint loaded = Checkpoint.read(path);
        assertEquals(20, loaded.step());
        assertArrayEquals(new float[2], loaded.model().get("w").toArray());
    }

    @Test void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint(Map.of(), Map.of(), -1, 0, new long[0], Map.of()));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint(Map.of(), Map.of(), 0, 0, new long[0], Map.of("step", "3")));
        assertTrue(error.getMessage().startsWith("Checkpoint: extra key step is reserved"), error.getMessage());
    }

    @Test void theStateIsACopy() {
        long[] state = {1, 2, 3, 4};
        Checkpoint checkpoint = new Checkpoint(Map.of(), Map.of(), 0, 0, state, Map.of());
        state[0] = 99;
        checkpoint.generatorState()[1] = 99;
        assertArrayEquals(new long[] {1, 2, 3, 4}, checkpoint.generatorState());
        assertEquals(checkpoint, new Checkpoint(Map.of(), Map.of(), 0, 0, new long[] {1, 2, 3, 4}, Map.of()));
    }

    @Test void aFileThatIsNotACheckpointSaysWhy() throws IOException {
        Path weights = folder.resolve("weights.safetensors");
        Safetensors.write(weights, Map.of("w", Tensor.ones(2)));
        assertMessage(weights, "not a Fovea checkpoint; got metadata fovea.checkpoint=null, expected 1");

        Path foreign = folder.resolve("foreign.safetensors");
        Safetensors.write(foreign, Map.of("w", Tensor.ones(2)), Map.of("fovea.checkpoint", "1", "epoch", "0", "step", "0", "generator", ""));
        assertMessage(foreign, "tensor w belongs to neither part");

        Path badEpoch = folder.resolve("bad-epoch.safetensors");
        Safetensors.write(badEpoch, Map.of(), Map.of("fovea.checkpoint", "1", "epoch", "-1", "step", "0", "generator", ""));
        assertMessage(badEpoch, "bad metadata epoch; got -1, expected a whole number >= 0");

        Path badGenerator = folder.resolve("bad-generator.safetensors");
        Safetensors.write(badGenerator, Map.of(), Map.of("fovea.checkpoint", "1", "epoch", "0", "step", "0", "generator", "1,,2"));
        assertMessage(badGenerator, "bad metadata generator; got 1,,2");
    }

    private static void assertMessage(Path path, String expected) {
        IOException error = assertThrows(IOException.class, () -> Checkpoint.read(path));
        assertTrue(error.getMessage().startsWith("checkpoint: " + path + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + error.getMessage());
    }
}
