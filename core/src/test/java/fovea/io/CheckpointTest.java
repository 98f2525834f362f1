package fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint is a named bag of states that round-trips exactly, restores strictly, and is a plain safetensors file. */
class CheckpointTest {
    @TempDir Path folder;

    /** A stand-in for anything with state: one tensor it owns. */
    private static final class Counter implements Stateful {
        private Tensor value;

        Counter(float value) {
            this.value = Tensor.scalar(value);
        }

        @Override public Map<String, Tensor> stateDict() {
            return Map.of("value", value);
        }

        @Override public void loadStateDict(Map<String, Tensor> state) {
            Stateful.check("Counter", Stateful.problems(stateDict(), state));
            value = state.get("value");
        }
    }

    @Test void roundTripResumesTheSameRandomSequence() throws IOException {
        Generator generator = new Generator(231);
        Tensor.randn(generator, 3);
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("generator", generator);
        parts.put("counter", new Counter(7));
        Path path = folder.resolve("checkpoint.safetensors");
        Checkpoint.write(path, Checkpoint.of(parts, 2, 40, Map.of("history", "epoch\n1\n")));
        float[] next = Tensor.randn(generator, 5).toArray();

        Generator resumed = new Generator(0);
        Counter counter = new Counter(0);
        Checkpoint loaded = Checkpoint.read(path);
        loaded.restore(Map.of("generator", resumed, "counter", counter));
        assertArrayEquals(next, Tensor.randn(resumed, 5).toArray(), "the same numbers after the restore");
        assertEquals(7, counter.value.item());
        assertEquals(2, loaded.epoch());
        assertEquals(40, loaded.step());
        assertEquals(Map.of("history", "epoch\n1\n"), loaded.extra());
        assertEquals(List.of("generator", "counter"), List.copyOf(loaded.parts().keySet()));
    }

    @Test void ofCopiesSoTrainingOnDoesNotChangeIt() {
        Counter counter = new Counter(1);
        Checkpoint checkpoint = Checkpoint.of(Map.of("counter", counter), 0, 0, Map.of());
        counter.value.updateInPlace(v -> v[0] = 5);
        assertEquals(1, checkpoint.part("counter").get("value").item());
    }

    @Test void theFileIsPlainSafetensorsWithPartPrefixes() throws IOException {
        Path path = folder.resolve("c.safetensors");
        Checkpoint.write(path, Checkpoint.of(Map.of("generator", new Generator(3), "counter", new Counter(2)), 1, 7, Map.of()));
        Safetensors.Contents contents = Safetensors.read(path);
        assertEquals(java.util.Set.of("generator.state", "counter.value"), contents.tensors().keySet());
        assertEquals(Map.of("fovea.checkpoint", "2", "epoch", "1", "step", "7"), contents.metadata());
    }

    @Test void restoreIsStrictAboutParts() {
        Checkpoint checkpoint = Checkpoint.of(Map.of("counter", new Counter(2)), 0, 0, Map.of());
        var error = assertThrows(IllegalArgumentException.class,
                () -> checkpoint.restore(Map.of("counter", new Counter(0), "generator", new Generator(1))));
        assertTrue(error.getMessage().contains("missing part: generator"), error.getMessage());
        Counter untouched = new Counter(9);
        error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.of(Map.of("counter", new Counter(2),
                "extra", new Counter(1)), 0, 0, Map.of()).restore(Map.of("counter", untouched)));
        assertTrue(error.getMessage().contains("unexpected part: extra"), error.getMessage());
        assertEquals(9, untouched.value.item(), "nothing loaded when the parts do not fit");
        var shape = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of("counter",
                Map.of("value", Tensor.ones(2))), 0, 0, Map.of()).restore(Map.of("counter", new Counter(0))));
        assertTrue(shape.getMessage().contains("shape: value is [] here, [2] in the state given"), shape.getMessage());
    }

    @Test void readsTheFirstFormat() throws IOException {
        Path path = folder.resolve("v1.safetensors");
        long[] words = {-1, 2, Long.MIN_VALUE, Long.MAX_VALUE};
        Safetensors.write(path, Map.of("model.w", Tensor.ones(2), "optimizer.lr", Tensor.scalar(0.1f)), Map.of(
                "fovea.checkpoint", "1", "epoch", "3", "step", "9", "generator", "-1,2,-9223372036854775808,9223372036854775807"));
        Checkpoint loaded = Checkpoint.read(path);
        assertEquals(java.util.Set.of("model", "optimizer", "generator"), loaded.parts().keySet());
        assertArrayEquals(words, Stateful.longs("test", loaded.part("generator").get("state")));
        assertEquals(3, loaded.epoch());
    }

    @Test void wordsTravelExactly() {
        long[] words = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789ABCDEFL};
        assertArrayEquals(words, Stateful.longs("test", Stateful.words(words)));
        var error = assertThrows(IllegalArgumentException.class, () -> Stateful.longs("test", Tensor.of(new float[] {1, 2, 3, 0.5f}, 1, 4)));
        assertTrue(error.getMessage().contains("got 0.5"), error.getMessage());
    }

    @Test void overwritingKeepsOnlyTheNewCheckpoint() throws IOException {
        Path path = folder.resolve("checkpoint.safetensors");
        Checkpoint.write(path, Checkpoint.of(Map.of("counter", new Counter(1)), 1, 10, Map.of()));
        Checkpoint.write(path, Checkpoint.of(Map.of("counter", new Counter(2)), 2, 20, Map.of()));
        Checkpoint loaded = Checkpoint.read(path);
        assertEquals(2, loaded.epoch());
        assertEquals(2, loaded.part("counter").get("value").item());
    }

    @Test void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of(), -1, 0, Map.of()));
        var error = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of(), 0, 0, Map.of("step", "3")));
        assertTrue(error.getMessage().startsWith("Checkpoint: extra key step is reserved"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of("a.b", Map.of()), 0, 0, Map.of()));
        assertTrue(error.getMessage().contains("without dots"), error.getMessage());
    }

    @Test void aFileThatIsNotACheckpointSaysWhy() throws IOException {
        Path weights = folder.resolve("weights.safetensors");
        Safetensors.write(weights, Map.of("w", Tensor.ones(2)));
        assertMessage(weights, "not a Fovea checkpoint; got metadata fovea.checkpoint=null, expected 2");

        Path foreign = folder.resolve("foreign.safetensors");
        Safetensors.write(foreign, Map.of("w", Tensor.ones(2)), Map.of("fovea.checkpoint", "2", "epoch", "0", "step", "0"));
        assertMessage(foreign, "tensor w belongs to no part");

        Path badEpoch = folder.resolve("bad-epoch.safetensors");
        Safetensors.write(badEpoch, Map.of(), Map.of("fovea.checkpoint", "2", "epoch", "-1", "step", "0"));
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
