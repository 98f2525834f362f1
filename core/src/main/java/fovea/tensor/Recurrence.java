package fovea.tensor;

import fovea.kernel.RecurrentGemm;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole recurrent layer in one direction as a single graph node (PyTorch's RNN, LSTM and GRU layers, one layer
 * and direction at a time): the forward pass and backpropagation through time run on the GEMM with a fused
 * elementwise step ({@link RecurrentGemm}) instead of a dozen recorded ops per time step. The step-by-step
 * composition of tensor ops (the cells of {@code fovea.nn.recurrent}) is its test oracle.
 * <pre>{@code
 * Recurrence.Result r = Recurrence.layer(Recurrence.Cell.LSTM, x, h0, c0, weights, false);  // x [T, N, I]
 * r.output();   // [T, N, H]: h_t for every t;  r.h(), r.c(): the final state [N, H]
 * }</pre>
 */
public final class Recurrence {
    private Recurrence() {}

    /** The cell of a layer: Elman's RNN with tanh or ReLU, LSTM (gates i, f, g, o) or GRU (gates r, z, n). */
    public enum Cell {
        RNN_TANH(RecurrentGemm.Cell.RNN_TANH, "rnn_tanh"), RNN_RELU(RecurrentGemm.Cell.RNN_RELU, "rnn_relu"),
        LSTM(RecurrentGemm.Cell.LSTM, "lstm"), GRU(RecurrentGemm.Cell.GRU, "gru");

        private final RecurrentGemm.Cell kernel;
        private final String op;

        Cell(RecurrentGemm.Cell kernel, String op) {
            this.kernel = kernel;
            this.op = op;
        }

        /** The number of gate blocks G stacked in the weights [G*H, ...]: 1, 4 or 3. */
        public int gates() {
            return kernel.gates;
        }

        /** The op's name in graphs and errors. */
        public String op() {
            return op;
        }
    }

    /** One layer-direction's parameters: weightIh [G*H, I], weightHh [G*H, H], biases [G*H] (each may be null). */
    public record Weights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {}

    /** The outputs: every step's hidden state [T, N, H] in time order, and the final h and (LSTM) c [N, H]. */
    public record Result(Tensor output, Tensor h, Tensor c) {}

    /**
     * Runs one layer over x [T, N, I] from h0 [N, H] (and c0 [N, H] for LSTM; null means zeros). With
     * {@code reverse} the steps run from t = T-1 down to 0 (the backward direction of a bidirectional layer);
     * the output stays in time order and the final state is the one after t = 0.
     */
    public static Result layer(Cell cell, Tensor x, Tensor h0, Tensor c0, Weights weights, boolean reverse) {
        RecurrentGemm.Problem problem = check(cell, x, h0, c0, weights);
        int steps = problem.steps();
        int state = problem.batch() * problem.hiddenSize();
        int inputSize = problem.inputSize();
        float[] xs = reverse ? reverseSteps(x.data, steps, problem.batch() * inputSize) : x.data;
        RecurrentGemm.Weights w = new RecurrentGemm.Weights(weights.weightIh().data, weights.weightHh().data,
                data(weights.biasIh()), data(weights.biasHh()));
        RecurrentGemm.Saved saved = RecurrentGemm.forward(problem, w, xs, data(h0), data(c0));
        boolean lstm = cell == Cell.LSTM;
        // one node for all outputs: the hidden states in time order, then (LSTM) the final cell
        float[] packed = new float[(steps + (lstm ? 1 : 0)) * state];
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            System.arraycopy(saved.h(), (s + 1) * state, packed, t * state, state);
        }
        if (lstm) System.arraycopy(saved.c(), steps * state, packed, steps * state, state);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        for (Tensor t : new Tensor[] {h0, c0, weights.weightIh(), weights.weightHh(), weights.biasIh(), weights.biasHh()}) {
            if (t != null) inputs.add(t);
        }
        Tensor[] inputArray = inputs.toArray(new Tensor[0]);
        Shape packedShape = Shape.of(steps + (lstm ? 1 : 0), problem.batch(), problem.hiddenSize());
        Tensor all = Tensor.derived(cell.op(), packed, packedShape, inputArray, g -> {
            float[] dOut = reverse ? reverseSteps(g.data, steps, state) : g.data;    // processing order
            float[] dcLast = lstm ? java.util.Arrays.copyOfRange(g.data, steps * state, (steps + 1) * state) : null;
            RecurrentGemm.Grads grads = new RecurrentGemm.Grads(wanted(x), wanted(h0), wanted(c0),
                    wanted(weights.weightIh()), wanted(weights.weightHh()), wanted(weights.biasIh()), wanted(weights.biasHh()));
            RecurrentGemm.backward(problem, w, xs, saved, dOut, dcLast, grads);
            float[] dx = grads.dx() != null && reverse ? reverseSteps(grads.dx(), steps, problem.batch() * inputSize) : grads.dx();
            float[][] arrays = {dx, grads.dh0(), grads.dc0(), grads.dwIh(), grads.dwHh(), grads.dbIh(), grads.dbHh()};
            Tensor[] sources = {x, h0, c0, weights.weightIh(), weights.weightHh(), weights.biasIh(), weights.biasHh()};
            Tensor[] out = new Tensor[inputArray.length];
            int k = 0;
            for (int i = 0; i < sources.length; i++) {
                if (sources[i] == null) continue;
                out[k++] = arrays[i] == null ? null : new Tensor(arrays[i], sources[i].shape());
            }
            return out;
        });
        Tensor output = lstm ? all.slice(0, 0, steps) : all;
        int last = reverse ? 0 : steps - 1;
        Tensor h = all.slice(0, last, last + 1).reshape(problem.batch(), problem.hiddenSize());
        Tensor c = lstm ? all.slice(0, steps, steps + 1).reshape(problem.batch(), problem.hiddenSize()) : null;
        return new Result(output, h, c);
    }

    private static float[] data(Tensor t) {
        return t == null ? null : t.data;
    }

    private static float[] wanted(Tensor t) {
        return t != null && t.requiresGrad() ? new float[t.numel()] : null;
    }

    /** The blocks of {@code size} values in reverse order: time reversed for [T, ...] data. */
    private static float[] reverseSteps(float[] data, int steps, int size) {
        float[] out = new float[steps * size];
        for (int s = 0; s < steps; s++) System.arraycopy(data, s * size, out, (steps - 1 - s) * size, size);
        return out;
    }

    /** Checks every shape against x [T, N, I] and w_hh [G*H, H]; the message shows them all. */
    private static RecurrentGemm.Problem check(Cell cell, Tensor x, Tensor h0, Tensor c0, Weights w) {
        String problem = null;
        if (w == null || w.weightIh() == null || w.weightHh() == null) {
            problem = "expected both weights";
        } else if (x.rank() != 3 || x.size(0) < 1 || x.size(1) < 1) {
            problem = "expected x [T, N, I] with T, N >= 1";
        } else if (w.weightHh().rank() != 2 || w.weightHh().size(0) != cell.gates() * w.weightHh().size(1)) {
            problem = "expected weight_hh [" + cell.gates() + "*H, H]";
        } else {
            int hidden = w.weightHh().size(1);
            int width = cell.gates() * hidden;
            if (!w.weightIh().shape().equals(Shape.of(width, x.size(2)))) {
                problem = "expected weight_ih [" + width + ", " + x.size(2) + "] for input size " + x.size(2);
            } else if (w.biasIh() != null && !w.biasIh().shape().equals(Shape.of(width))
                    || w.biasHh() != null && !w.biasHh().shape().equals(Shape.of(width))) {
                problem = "expected biases [" + width + "]";
            } else if (h0 != null && !h0.shape().equals(Shape.of(x.size(1), hidden))) {
                problem = "expected h0 [" + x.size(1) + ", " + hidden + "]";
            } else if (c0 != null && (cell != Cell.LSTM || !c0.shape().equals(Shape.of(x.size(1), hidden)))) {
                problem = cell == Cell.LSTM ? "expected c0 [" + x.size(1) + ", " + hidden + "]" : "only an LSTM takes c0";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(cell.op() + ": " + problem + "; got x " + x.shape() + ", h0 " + shape(h0)
                    + ", c0 " + shape(c0) + ", weight_ih " + shape(w == null ? null : w.weightIh()) + ", weight_hh "
                    + shape(w == null ? null : w.weightHh()) + ", bias_ih " + shape(w == null ? null : w.biasIh())
                    + ", bias_hh " + shape(w == null ? null : w.biasHh()));
        }
        return new RecurrentGemm.Problem(cell.kernel, x.size(0), x.size(1), x.size(2), w.weightHh().size(1));
    }

    private static String shape(Tensor t) {
        return t == null ? "none" : t.shape().toString();
    }
}
