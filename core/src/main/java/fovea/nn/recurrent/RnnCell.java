package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** One Elman RNN step composed of tensor ops, as PyTorch's nn.RNNCell; the oracle of the fused {@link Rnn}. */
public final class RnnCell extends CellParameters {
    private final Rnn.Nonlinearity nonlinearity;

    /** A tanh cell with biases, initialized from {@code random}. */
    public RnnCell(int inputSize, int hiddenSize, RandomGenerator random) {
        this(inputSize, hiddenSize, Rnn.Nonlinearity.TANH, random);
    }

    /** A cell with the given nonlinearity. */
    public RnnCell(int inputSize, int hiddenSize, Rnn.Nonlinearity nonlinearity, RandomGenerator random) {
        super("RnnCell", 1, inputSize, hiddenSize, true, random);
        this.nonlinearity = nonlinearity;
    }

    /** h' from zero state. */
    @Override protected Tensor forward(Tensor x) {
        return forward(x, null).h();
    }

    /** One step from h [N, H] (null: zeros) for input x [N, I]. */
    public RecurrentState forward(Tensor x, RecurrentState state) {
        checkInput(x, state);
        return step(x, state != null ? state : new RecurrentState(zeros(x.size(0)), null), weights, nonlinearity);
    }

    /** h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh), or relu. */
    public static RecurrentState step(Tensor x, RecurrentState state, Recurrence.Weights w, Rnn.Nonlinearity nonlinearity) {
        Tensor a = x.linear(w.weightIh(), w.biasIh()).add(state.h().linear(w.weightHh(), w.biasHh()));
        return new RecurrentState(nonlinearity == Rnn.Nonlinearity.RELU ? a.relu() : a.tanh(), null);
    }

    @Override public String toString() {
        return "RNNCell(" + inputSize + ", " + hiddenSize + (nonlinearity == Rnn.Nonlinearity.RELU ? ", nonlinearity='relu'" : "") + ")";
    }
}
