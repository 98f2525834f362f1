package fovea.nn.recurrent;

import fovea.nn.Functional;
import fovea.nn.Init;
import fovea.nn.Module;
import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The stack of recurrent layers behind {@link Rnn}, {@link Lstm} and {@link Gru}: PyTorch's parameters per layer
 * l and direction ({@code weight_ih_l0 [G*H, I]}, {@code weight_hh_l0 [G*H, H]}, {@code bias_ih_l0},
 * {@code bias_hh_l0}, and {@code ..._l0_reverse} for the backward direction), all U(-1/√H, 1/√H) at start as in
 * PyTorch. Each layer-direction runs as one fused graph node ({@link Recurrence#layer}).
 */
public abstract class RecurrentLayer extends Module {
    /** The output of every step [T, N, D*H] ([N, T, D*H] batch-first) and the final state. */
    public record Output(Tensor output, RecurrentState state) {}

    private final Recurrence.Cell cell;
    private final RecurrentConfig config;
    private final List<Recurrence.Weights> weights = new ArrayList<>();
    private final RandomGenerator random;

    /** Registers the parameters of every layer and direction; {@code random} initializes them and draws dropout. */
    protected RecurrentLayer(Recurrence.Cell cell, RecurrentConfig config, RandomGenerator random) {
        this.cell = cell;
        this.config = config;
        this.random = random;
        int hidden = config.hiddenSize();
        int width = cell.gates() * hidden;
        float bound = (float) (1 / Math.sqrt(hidden));
        for (int layer = 0; layer < config.numLayers(); layer++) {
            int in = layer == 0 ? config.inputSize() : hidden * config.directions();
            for (int direction = 0; direction < config.directions(); direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                Tensor wIh = parameter("weight_ih" + suffix, Init.uniform(random, -bound, bound, width, in));
                Tensor wHh = parameter("weight_hh" + suffix, Init.uniform(random, -bound, bound, width, hidden));
                Tensor bIh = config.bias() ? parameter("bias_ih" + suffix, Init.uniform(random, -bound, bound, width)) : null;
                Tensor bHh = config.bias() ? parameter("bias_hh" + suffix, Init.uniform(random, -bound, bound, width)) : null;
                weights.add(new Recurrence.Weights(wIh, wHh, bIh, bHh));
            }
        }
    }

    /** The settings. */
    public RecurrentConfig config() {
        return config;
    }

    /** The parameters of one layer and direction (0 forward, 1 backward). */
    public Recurrence.Weights weights(int layer, int direction) {
        return weights.get(layer * config.directions() + direction);
    }

    /** The outputs of every step, from a zero initial state. */
    @Override protected Tensor forward(Tensor x) {
        return forward(x, null).output();
    }

    /**
     * Runs the stack over x [T, N, I] ([N, T, I] batch-first, or [T, I] for one unbatched sequence) from
     * {@code state} (null: zeros), returning every step's output of the last layer and the final state.
     */
    public Output forward(Tensor x, RecurrentState state) {
        boolean unbatched = x.rank() == 2;
        if (!(x.rank() == 3 || unbatched) || x.size(-1) != config.inputSize()) {
            throw new IllegalArgumentException(this + ": expected input " + (config.batchFirst() ? "[N, T, " : "[T, N, ")
                    + config.inputSize() + "] or [T, " + config.inputSize() + "]; got " + x.shape());
        }
        Tensor sequence = unbatched ? x.unsqueeze(1) : config.batchFirst() ? x.transpose(0, 1) : x;
        checkState(state, sequence.size(1));
        Tensor h0 = state == null ? null : unbatched ? state.h().unsqueeze(1) : state.h();
        Tensor c0 = state == null || state.c() == null ? null : unbatched ? state.c().unsqueeze(1) : state.c();
        List<Tensor> hs = new ArrayList<>();
        List<Tensor> cs = new ArrayList<>();
        Tensor input = sequence;
        for (int layer = 0; layer < config.numLayers(); layer++) {
            Tensor[] outputs = new Tensor[config.directions()];
            for (int direction = 0; direction < config.directions(); direction++) {
                int index = layer * config.directions() + direction;
                Recurrence.Result r = Recurrence.layer(cell, input, pick(h0, index), pick(c0, index),
                        weights.get(index), direction == 1);
                outputs[direction] = r.output();
                hs.add(r.h());
                if (r.c() != null) cs.add(r.c());
            }
            Tensor output = outputs.length == 1 ? outputs[0] : Tensor.cat(2, outputs);
            boolean last = layer == config.numLayers() - 1;
            input = last ? output : Functional.dropout(output, config.dropout(), isTraining(), random);
        }
        Tensor h = Tensor.stack(0, hs.toArray(new Tensor[0]));
        Tensor c = cs.isEmpty() ? null : Tensor.stack(0, cs.toArray(new Tensor[0]));
        if (unbatched) {
            return new Output(input.squeeze(1), new RecurrentState(h.squeeze(1), c == null ? null : c.squeeze(1)));
        }
        return new Output(config.batchFirst() ? input.transpose(0, 1) : input, new RecurrentState(h, c));
    }

    private static Tensor pick(Tensor stacked, int index) {
        return stacked == null ? null : stacked.slice(0, index, index + 1).squeeze(0);
    }

    private void checkState(RecurrentState state, int batch) {
        if (state == null) return;
        int[] expected = {config.numLayers() * config.directions(), batch, config.hiddenSize()};
        boolean unbatched = state.h().rank() == 2;
        int[] got = state.h().shape().dims();
        boolean fits = unbatched ? got[0] == expected[0] && got[1] == expected[2] && batch == 1
                : java.util.Arrays.equals(got, expected);
        if (!fits || (cell == Recurrence.Cell.LSTM) != (state.c() != null)) {
            throw new IllegalArgumentException(this + ": expected a state h " + java.util.Arrays.toString(expected)
                    + (cell == Recurrence.Cell.LSTM ? " and c of the same shape" : " and no c") + "; got h "
                    + state.h().shape() + ", c " + (state.c() == null ? "none" : state.c().shape()));
        }
    }

    /** PyTorch's repr: LSTM(28, 128, num_layers=2, batch_first=True). */
    protected String describe(String name) {
        StringBuilder text = new StringBuilder(name + "(" + config.inputSize() + ", " + config.hiddenSize());
        if (config.numLayers() != 1) text.append(", num_layers=").append(config.numLayers());
        if (!config.bias()) text.append(", bias=False");
        if (config.batchFirst()) text.append(", batch_first=True");
        if (config.dropout() != 0) text.append(", dropout=").append(config.dropout());
        if (config.bidirectional()) text.append(", bidirectional=True");
        return text.append(')').toString();
    }
}
