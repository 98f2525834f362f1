package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import java.util.random.RandomGenerator;

/**
 * Long short-term memory, as PyTorch's nn.LSTM: per step i, f, o = σ(W_i* x + b_i* + W_h* h + b_h*),
 * g = tanh(...), c' = f c + i g, h' = o tanh(c'), the gates stacked i, f, g, o in weight_ih_l0 [4H, I] and
 * weight_hh_l0 [4H, H]. The state is (h, c).
 */
public final class Lstm extends RecurrentLayer {
    /** A stack with the given settings, initialized (and its dropout drawn) from {@code random}. */
    public Lstm(RecurrentConfig config, RandomGenerator random) {
        super(Recurrence.Cell.LSTM, config, random);
    }

    @Override public String toString() {
        return describe("LSTM");
    }
}
