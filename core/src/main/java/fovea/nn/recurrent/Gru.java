package fovea.nn.recurrent;

import fovea.tensor.Recurrence;
import java.util.random.RandomGenerator;

/**
 * Gated recurrent unit, as PyTorch's nn.GRU: r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise,
 * n = tanh(W_in x + b_in + r (W_hn h + b_hn)), h' = (1 - z) n + z h; gates stacked r, z, n in [3H, ...].
 */
public final class Gru extends RecurrentLayer {
    /** A stack with the given settings, initialized (and its dropout drawn) from {@code random}. */
    public Gru(RecurrentConfig config, RandomGenerator random) {
        super(Recurrence.Cell.GRU, config, random);
    }

    @Override public String toString() {
        return describe("GRU");
    }
}
