package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import java.util.random.RandomGenerator;

/** Elman's recurrent network, as PyTorch's nn.RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh), or ReLU instead of tanh. */
public final class Rnn extends RecurrentLayer {
    /** The nonlinearity of the cell. */
    public enum Nonlinearity { TANH, RELU }

    private final Nonlinearity nonlinearity;

    /** A tanh stack. */
    public Rnn(RecurrentConfig config, RandomGenerator random) {
        this(config, Nonlinearity.TANH, random);
    }

    /** A stack with the given nonlinearity. */
    public Rnn(RecurrentConfig config, Nonlinearity nonlinearity, RandomGenerator random) {
        super(nonlinearity == Nonlinearity.RELU ? Recurrence.Cell.RNN_RELU : Recurrence.Cell.RNN_TANH, config, random);
        this.nonlinearity = nonlinearity;
    }

    @Override public String toString() {
        String text = describe("RNN");
        return nonlinearity == Nonlinearity.RELU ? text.substring(0, text.length() - 1) + ", nonlinearity='relu')" : text;
    }
}
