package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * One LSTM step composed of tensor ops, as PyTorch's nn.LSTMCell: every intermediate is a graph tensor (so the
 * gradient of each h_t can be kept), and it is the oracle the fused {@link Lstm} is tested against.
 */
public final class LstmCell extends CellParameters {
    /** A cell with biases, initialized from {@code random}. */
    public LstmCell(int inputSize, int hiddenSize, RandomGenerator random) {
        super("LstmCell", 4, inputSize, hiddenSize, true, random);
    }

    /** h' from zero state. */
    @Override protected Tensor forward(Tensor x) {
        return forward(x, null).h();
    }

    /** One step from state (h, c) [N, H] (null: zeros) for input x [N, I]. */
    public RecurrentState forward(Tensor x, RecurrentState state) {
        checkInput(x, state);
        RecurrentState from = state != null ? state : new RecurrentState(zeros(x.size(0)), zeros(x.size(0)));
        return step(x, from, weights);
    }

    /** i, f, o = σ, g = tanh of x W_ihᵀ + b_ih + h W_hhᵀ + b_hh (blocks i, f, g, o); c' = f c + i g; h' = o tanh(c'). */
    public static RecurrentState step(Tensor x, RecurrentState state, Recurrence.Weights w) {
        int hidden = w.weightHh().size(1);
        Tensor gates = x.linear(w.weightIh(), w.biasIh()).add(state.h().linear(w.weightHh(), w.biasHh()));
        Tensor i = block(gates, 0, hidden).sigmoid();
        Tensor f = block(gates, 1, hidden).sigmoid();
        Tensor g = block(gates, 2, hidden).tanh();
        Tensor o = block(gates, 3, hidden).sigmoid();
        Tensor c = f.mul(state.c()).add(i.mul(g));
        return new RecurrentState(o.mul(c.tanh()), c);
    }

    @Override public String toString() {
        return "LSTMCell(" + inputSize + ", " + hiddenSize + ")";
    }
}
