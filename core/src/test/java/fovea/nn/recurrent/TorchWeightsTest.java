package fovea.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.io.Safetensors;
import fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's own nn.LSTM and nn.GRU (2 layers, bidirectional, batch-first), saved as safetensors by
 * make_torch_recurrent.py beside the file, load strictly into Lstm and Gru and give PyTorch's outputs and states.
 */
class TorchWeightsTest {
    private static Map<String, Tensor> contents() throws Exception {
        Path file = Path.of(TorchWeightsTest.class.getResource("torch_recurrent.safetensors").toURI());
        return Safetensors.read(file).tensors();
    }

    private static Map<String, Tensor> withPrefix(Map<String, Tensor> all, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((name, tensor) -> {
            if (name.startsWith(prefix)) out.put(name.substring(prefix.length()), tensor);
        });
        return out;
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 + 1e-4 * Math.abs(e[i]), what + " element " + i + ": " + a[i] + " vs " + e[i]);
        }
    }

    private static RecurrentConfig config() {
        return RecurrentConfig.of(3, 4).withLayers(2).withBidirectional(true).withBatchFirst(true);
    }

    @Test void pyTorchLstmWeightsGivePyTorchsOutputs() throws Exception {
        Map<String, Tensor> all = contents();
        Lstm lstm = new Lstm(config(), new SplittableRandom(1));
        lstm.loadStateDict(withPrefix(all, "lstm."));
        RecurrentLayer.Output out = lstm.forward(all.get("input.x"), new RecurrentState(all.get("input.h0"), all.get("input.c0")));
        assertClose("output", all.get("expected.lstm.output"), out.output());
        assertClose("h_n", all.get("expected.lstm.h_n"), out.state().h());
        assertClose("c_n", all.get("expected.lstm.c_n"), out.state().c());
    }

    @Test void pyTorchGruWeightsGivePyTorchsOutputs() throws Exception {
        Map<String, Tensor> all = contents();
        Gru gru = new Gru(config(), new SplittableRandom(1));
        gru.loadStateDict(withPrefix(all, "gru."));
        RecurrentLayer.Output out = gru.forward(all.get("input.x"), new RecurrentState(all.get("input.h0"), null));
        assertClose("output", all.get("expected.gru.output"), out.output());
        assertClose("h_n", all.get("expected.gru.h_n"), out.state().h());
    }
}
