package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** One GRU step composed of tensor ops, as PyTorch's nn.GRUCell; the oracle of the fused {@link Gru}. */
public final class GruCell extends CellParameters {
    /** A cell with biases, initialized from {@code random}. */
    public GruCell(int inputSize, int hiddenSize, RandomGenerator random) {
        super("GruCell", 3, inputSize, hiddenSize, true, random);
    }

    /** h' from zero state. */
    @Override protected Tensor forward(Tensor x) {
        return forward(x, null).h();
    }

    /** One step from h [N, H] (null: zeros) for input x [N, I]. */
    public RecurrentState forward(Tensor x, RecurrentState state) {
        checkInput(x, state);
        return step(x, state != null ? state : new RecurrentState(zeros(x.size(0)), null), weights);
    }

    /** r, z = σ(x W_i*ᵀ + b_i* + h W_h*ᵀ + b_h*); n = tanh(x W_inᵀ + b_in + r (h W_hnᵀ + b_hn)); h' = (1 - z) n + z h. */
    public static RecurrentState step(Tensor x, RecurrentState state, Recurrence.Weights w) {
        int hidden = w.weightHh().size(1);
        Tensor input = x.linear(w.weightIh(), w.biasIh());
        Tensor recurrent = state.h().linear(w.weightHh(), w.biasHh());
        Tensor r = block(input, 0, hidden).add(block(recurrent, 0, hidden)).sigmoid();
        Tensor z = block(input, 1, hidden).add(block(recurrent, 1, hidden)).sigmoid();
        Tensor n = block(input, 2, hidden).add(r.mul(block(recurrent, 2, hidden))).tanh();
        Tensor h = z.neg().add(1f).mul(n).add(z.mul(state.h()));
        return new RecurrentState(h, null);
    }

    @Override public String toString() {
        return "GRUCell(" + inputSize + ", " + hiddenSize + ")";
    }
}
