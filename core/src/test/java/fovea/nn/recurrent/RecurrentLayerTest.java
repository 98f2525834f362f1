package fovea.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.GradCheck;
import fovea.tensor.Recurrence;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The fused recurrent layers (one graph node per layer-direction, BPTT on the GEMM) against their composed twin
 * (the cells, step by step): outputs, final states and every gradient, on odd sizes, several layers, both
 * directions, batch-first; finite differences; PyTorch's parameter names and init; errors.
 */
class RecurrentLayerTest {
    private final SplittableRandom random = new SplittableRandom(11);

    private RecurrentLayer build(Recurrence.Cell cell, RecurrentConfig config) {
        return switch (cell) {
            case LSTM -> new Lstm(config, random);
            case GRU -> new Gru(config, random);
            case RNN_TANH -> new Rnn(config, random);
            case RNN_RELU -> new Rnn(config, Rnn.Nonlinearity.RELU, random);
        };
    }

    private static void assertClose(String what, Tensor expected, Tensor actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            double allowed = tolerance * (1 + Math.abs(e[i]));
            if (!(Math.abs(e[i] - a[i]) <= allowed)) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + "; expected " + e[i]);
            }
        }
    }

    /** Fused vs composed: forward values, then the gradients of every parameter, the input and the initial state. */
    private void compare(Recurrence.Cell cell, RecurrentConfig config, int steps, int batch) {
        RecurrentLayer module = build(cell, config);
        module.eval();
        int[] dims = config.batchFirst() ? new int[] {batch, steps, config.inputSize()} : new int[] {steps, batch, config.inputSize()};
        Tensor x = Tensor.randn(random, dims).requiresGrad(true);
        int stack = config.numLayers() * config.directions();
        Tensor h0 = Tensor.randn(random, stack, batch, config.hiddenSize()).mul(0.5f).requiresGrad(true);
        Tensor c0 = cell == Recurrence.Cell.LSTM ? Tensor.randn(random, stack, batch, config.hiddenSize()).requiresGrad(true) : null;
        RecurrentState state = new RecurrentState(h0, c0);

        RecurrentLayer.Output fused = module.forward(x, state);
        RecurrentLayer.Output composed = Composed.stack(module, cell, x, state);
        assertClose("output", composed.output(), fused.output(), 1e-5);
        assertClose("h_n", composed.state().h(), fused.state().h(), 1e-5);
        if (c0 != null) assertClose("c_n", composed.state().c(), fused.state().c(), 1e-5);

        List<Tensor> leaves = new ArrayList<>(module.parameters());
        leaves.add(x);
        leaves.add(h0);
        if (c0 != null) leaves.add(c0);
        List<Tensor> fusedGrads = grads(fused, leaves);
        List<Tensor> composedGrads = grads(composed, leaves);
        List<String> names = new ArrayList<>(module.namedParameters().keySet());
        names.addAll(List.of("x", "h0", "c0"));
        for (int i = 0; i < leaves.size(); i++) {
            assertClose("grad of " + names.get(i), composedGrads.get(i), fusedGrads.get(i), 2e-5);
        }
    }

    /** Backpropagates a fixed projection of output, h_n and c_n; returns each leaf's gradient and clears it. */
    private static List<Tensor> grads(RecurrentLayer.Output out, List<Tensor> leaves) {
        SplittableRandom projection = new SplittableRandom(5);
        Tensor loss = out.output().mul(Tensor.randn(projection, out.output().shape().dims())).sum()
                .add(out.state().h().mul(Tensor.randn(projection, out.state().h().shape().dims())).sum());
        if (out.state().c() != null) loss = loss.add(out.state().c().mul(Tensor.randn(projection, out.state().c().shape().dims())).sum());
        loss.backward();
        List<Tensor> grads = new ArrayList<>();
        for (Tensor leaf : leaves) {
            grads.add(leaf.grad());
            leaf.zeroGrad();
        }
        return grads;
    }

    @ParameterizedTest
    @EnumSource(Recurrence.Cell.class)
    void fusedLayerMatchesComposedCells(Recurrence.Cell cell) {
        compare(cell, RecurrentConfig.of(7, 13), 6, 3);                 // 13: a vector of 8 (or 4) lanes and a tail
        compare(cell, RecurrentConfig.of(3, 4).withLayers(2).withBidirectional(true).withBatchFirst(true), 5, 2);
        compare(cell, RecurrentConfig.of(1, 1).withBias(false), 1, 1);
    }

    /** Enough rows that a step's elementwise pass is split over threads; the partition must not change anything. */
    @ParameterizedTest
    @EnumSource(value = Recurrence.Cell.class, names = {"LSTM", "GRU"})
    void largeBatchSplitOverThreadsMatchesComposed(Recurrence.Cell cell) {
        compare(cell, RecurrentConfig.of(5, 64), 3, 131);
    }

    /** RNN_RELU is left out: relu's kink makes finite differences meaningless; the composed twin checks it. */
    @ParameterizedTest
    @EnumSource(value = Recurrence.Cell.class, names = {"RNN_TANH", "LSTM", "GRU"})
    void gradientsPassFiniteDifferences(Recurrence.Cell cell) {
        int g = cell.gates();
        Tensor x = Tensor.randn(random, 3, 2, 3);
        Tensor h0 = Tensor.randn(random, 2, 4).mul(0.5f);
        Tensor c0 = Tensor.randn(random, 2, 4);
        Tensor wIh = Tensor.randn(random, g * 4, 3).mul(0.5f);
        Tensor wHh = Tensor.randn(random, g * 4, 4).mul(0.5f);
        Tensor bIh = Tensor.randn(random, g * 4).mul(0.3f);
        Tensor bHh = Tensor.randn(random, g * 4).mul(0.3f);
        boolean lstm = cell == Recurrence.Cell.LSTM;
        for (boolean reverse : new boolean[] {false, true}) {
            GradCheck.Report report = GradCheck.check(t -> {
                Recurrence.Result r = Recurrence.layer(cell, t[0], t[1], lstm ? t[6] : null,
                        new Recurrence.Weights(t[2], t[3], t[4], t[5]), reverse);
                Tensor all = Tensor.cat(0, r.output(), r.h().unsqueeze(0));
                return lstm ? Tensor.cat(0, all, r.c().unsqueeze(0)) : all;
            }, x, h0, wIh, wHh, bIh, bHh, c0);
            assertTrue(report.passed(), report.toString());
        }
    }

    @Test void parametersHavePyTorchsNamesShapesAndInit() {
        Lstm lstm = new Lstm(RecurrentConfig.of(10, 20).withLayers(2).withBidirectional(true), random);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(lstm.namedParameters().keySet()));
        Map<String, Tensor> p = lstm.namedParameters();
        assertEquals(Shape.of(80, 10), p.get("weight_ih_l0").shape());
        assertEquals(Shape.of(80, 40), p.get("weight_ih_l1_reverse").shape());
        assertEquals(Shape.of(80, 20), p.get("weight_hh_l1").shape());
        assertEquals(Shape.of(80), p.get("bias_hh_l0").shape());
        float bound = (float) (1 / Math.sqrt(20));
        for (Tensor t : lstm.parameters()) {
            assertTrue(t.abs().max().item() <= bound, "U(-1/sqrt(H), 1/sqrt(H))");
            assertTrue(t.abs().max().item() > 0.8f * bound, "fills the range");
        }
        assertEquals(Shape.of(60, 3), new Gru(RecurrentConfig.of(3, 20), random).namedParameters().get("weight_ih_l0").shape());
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"),
                List.copyOf(new Rnn(RecurrentConfig.of(3, 4).withBias(false), random).namedParameters().keySet()));
        assertEquals("LSTM(10, 20, num_layers=2, bidirectional=True)", lstm.toString());
    }

    @Test void shapesOfOutputsAndStates() {
        Gru gru = new Gru(RecurrentConfig.of(6, 5).withLayers(3).withBidirectional(true).withBatchFirst(true), random);
        RecurrentLayer.Output out = gru.forward(Tensor.randn(random, 4, 7, 6), null);
        assertEquals(Shape.of(4, 7, 10), out.output().shape());
        assertEquals(Shape.of(6, 4, 5), out.state().h().shape());
        assertNull(out.state().c());
        Lstm lstm = new Lstm(RecurrentConfig.of(6, 5), random);
        RecurrentLayer.Output single = lstm.forward(Tensor.randn(random, 7, 6), null);     // one unbatched sequence
        assertEquals(Shape.of(7, 5), single.output().shape());
        assertEquals(Shape.of(1, 5), single.state().c().shape());
        // the last output of a forward stack is its final h
        RecurrentLayer.Output batched = lstm.forward(Tensor.randn(random, 7, 2, 6), null);
        assertEquals(List.of(), differences(batched.output().slice(0, 6, 7).squeeze(0), batched.state().h().squeeze(0)));
    }

    private static List<Integer> differences(Tensor a, Tensor b) {
        List<Integer> out = new ArrayList<>();
        float[] x = a.toArray();
        float[] y = b.toArray();
        for (int i = 0; i < x.length; i++) if (x[i] != y[i]) out.add(i);
        return out;
    }

    @Test void carryingTheStateAcrossChunksEqualsOneLongRun() {
        Lstm lstm = new Lstm(RecurrentConfig.of(3, 4).withLayers(2), random);
        Tensor x = Tensor.randn(random, 8, 2, 3);
        RecurrentLayer.Output whole = lstm.forward(x, null);
        RecurrentLayer.Output first = lstm.forward(x.slice(0, 0, 5), null);
        RecurrentLayer.Output second = lstm.forward(x.slice(0, 5, 8), first.state().detach());
        assertClose("h", whole.state().h(), second.state().h(), 1e-6);
        assertClose("c", whole.state().c(), second.state().c(), 1e-6);
        assertTrue(second.state().detach().h().isLeaf(), "detach cuts the graph");
    }

    @Test void dropoutActsBetweenLayersInTrainingOnly() {
        Gru gru = new Gru(RecurrentConfig.of(3, 8).withLayers(2).withDropout(0.5f), random);
        Tensor x = Tensor.randn(random, 4, 2, 3);
        Tensor trained = gru.train().call(x);
        Tensor evaluated = gru.eval().call(x);
        assertFalse(differences(trained, evaluated).isEmpty(), "dropout changes the training output");
        assertEquals(List.of(), differences(evaluated, gru.forward(x)), "evaluation is deterministic");
        Gru single = new Gru(RecurrentConfig.of(3, 8).withDropout(0.5f), random);
        assertEquals(List.of(), differences(single.train().call(x), single.eval().call(x)),
                "no dropout after the last layer");
    }

    @Test void errorsNameTheModuleAndShapes() {
        Lstm lstm = new Lstm(RecurrentConfig.of(5, 4), random);
        var wrongInput = assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensor.zeros(3, 2, 6)));
        assertEquals("LSTM(5, 4): expected input [T, N, 5] or [T, 5]; got [3, 2, 6]", wrongInput.getMessage());
        var wrongState = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Tensor.zeros(3, 2, 5), new RecurrentState(Tensor.zeros(1, 2, 4), null)));
        assertEquals("LSTM(5, 4): expected a state h [1, 2, 4] and c of the same shape; got h [1, 2, 4], c none",
                wrongState.getMessage());
        var wrongWeights = assertThrows(IllegalArgumentException.class, () -> Recurrence.layer(Recurrence.Cell.GRU,
                Tensor.zeros(2, 1, 3), null, null, new Recurrence.Weights(Tensor.zeros(12, 3), Tensor.zeros(12, 5), null, null), false));
        assertTrue(wrongWeights.getMessage().startsWith("gru: expected weight_hh [3*H, H]; got x [2, 1, 3]"), wrongWeights.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecurrentConfig.of(3, 4).withDropout(1f));
    }
}
