package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The test oracle: a recurrent stack run step by step with the composed cells on the fused stack's own weights. */
final class Composed {
    private Composed() {}

    /** One layer-direction over x [T, N, I] from (h0, c0): the outputs [T, N, H] in time order and the final state. */
    static RecurrentLayer.Output layer(Recurrence.Cell cell, Tensor x, Tensor h0, Tensor c0, Recurrence.Weights w,
                                       boolean reverse) {
        int steps = x.size(0);
        int hidden = w.weightHh().size(1);
        RecurrentState state = new RecurrentState(h0 != null ? h0 : Tensor.zeros(x.size(1), hidden),
                cell == Recurrence.Cell.LSTM ? (c0 != null ? c0 : Tensor.zeros(x.size(1), hidden)) : null);
        Tensor[] outputs = new Tensor[steps];
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            Tensor xt = x.slice(0, t, t + 1).squeeze(0);
            state = switch (cell) {
                case LSTM -> LstmCell.step(xt, state, w);
                case GRU -> GruCell.step(xt, state, w);
                case RNN_TANH -> RnnCell.step(xt, state, w, Rnn.Nonlinearity.TANH);
                case RNN_RELU -> RnnCell.step(xt, state, w, Rnn.Nonlinearity.RELU);
            };
            outputs[t] = state.h();
        }
        return new RecurrentLayer.Output(Tensor.stack(0, outputs), state);
    }

    /** The whole stack (no dropout), as RecurrentLayer.forward but composed. */
    static RecurrentLayer.Output stack(RecurrentLayer module, Recurrence.Cell cell, Tensor x, RecurrentState state) {
        RecurrentConfig config = module.config();
        Tensor input = config.batchFirst() ? x.transpose(0, 1) : x;
        List<Tensor> hs = new ArrayList<>();
        List<Tensor> cs = new ArrayList<>();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            Tensor[] outputs = new Tensor[config.directions()];
            for (int direction = 0; direction < config.directions(); direction++) {
                int index = layer * config.directions() + direction;
                Tensor h0 = state == null ? null : state.h().slice(0, index, index + 1).squeeze(0);
                Tensor c0 = state == null || state.c() == null ? null : state.c().slice(0, index, index + 1).squeeze(0);
                RecurrentLayer.Output out = layer(cell, input, h0, c0, module.weights(layer, direction), direction == 1);
                outputs[direction] = out.output();
                hs.add(out.state().h());
                if (out.state().c() != null) cs.add(out.state().c());
            }
            input = outputs.length == 1 ? outputs[0] : Tensor.cat(2, outputs);
        }
        Tensor output = config.batchFirst() ? input.transpose(0, 1) : input;
        return new RecurrentLayer.Output(output, new RecurrentState(Tensor.stack(0, hs.toArray(new Tensor[0])),
                cs.isEmpty() ? null : Tensor.stack(0, cs.toArray(new Tensor[0]))));
    }
}
