package fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by PyTorch's own safetensors package (torch_reference.safetensors, made once by
 * make_torch_reference.py beside it) reads exactly: a Linear + BatchNorm1d state dict with its I64
 * num_batches_tracked, and one tensor of every other dtype, each equal bit for bit to PyTorch's tensor.float().
 */
class SafetensorsTorchTest {
    @TempDir Path folder;

    @Test void readsWhatPyTorchWrote() throws IOException, URISyntaxException {
        Safetensors.Contents contents = Safetensors.read(resource("torch_reference.safetensors"));
        Map<?, ?> expected = expected();
        assertEquals(expected.keySet(), contents.tensors().keySet());
        assertEquals(Map.of("format", "pt", "made by", "make_torch_reference.py"), contents.metadata());
        for (Map.Entry<?, ?> entry : expected.entrySet()) {
            String name = (String) entry.getKey();
            Map<?, ?> want = (Map<?, ?>) entry.getValue();
            Tensor tensor = contents.tensors().get(name);
            int[] dims = ((List<?>) want.get("shape")).stream().mapToInt(d -> ((Double) d).intValue()).toArray();
            assertEquals(Shape.of(dims), tensor.shape(), name);
            int[] bits = ((List<?>) want.get("bits")).stream().mapToInt(b -> (int) ((Double) b).longValue()).toArray();
            float[] values = tensor.toArray();
            int[] actual = new int[values.length];
            for (int i = 0; i < values.length; i++) actual[i] = Float.floatToRawIntBits(values[i]);
            assertArrayEquals(bits, actual, name + " (" + want.get("dtype") + ")");
        }
        assertEquals(1f, contents.tensors().get("1.num_batches_tracked").item(), "BatchNorm counted one batch");
    }

    @Test void writingWhatWasReadGivesPyTorchsFloat32Tensors() throws IOException, URISyntaxException {
        Map<String, Tensor> tensors = Safetensors.read(resource("torch_reference.safetensors")).tensors();
        Path copy = folder.resolve("copy.safetensors");
        Safetensors.write(copy, tensors, Map.of("format", "pt"));
        Safetensors.Contents again = Safetensors.read(copy);
        tensors.forEach((name, tensor) -> assertArrayEquals(tensor.toArray(), again.tensors().get(name).toArray(), name));
    }

    private static Map<?, ?> expected() throws IOException {
        try (InputStream in = SafetensorsTorchTest.class.getResourceAsStream("torch_reference.json")) {
            return (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "torch_reference.json");
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        Path path = Path.of(SafetensorsTorchTest.class.getResource(name).toURI());
        assertEquals(true, Files.isRegularFile(path), name);
        return path;
    }
}
