package fovea.nn.recurrent;

import fovea.tensor.Tensor;

/**
 * The state a recurrent stack carries between calls: h [layers * directions, N, H] (layer 0 forward, layer 0
 * backward, layer 1 forward ...), and for an LSTM c of the same shape (null otherwise). A cell's state is h and c
 * [N, H].
 */
public record RecurrentState(Tensor h, Tensor c) {
    public RecurrentState {
        if (h == null) throw new IllegalArgumentException("RecurrentState: h must not be null; got null");
        if (c != null && !c.shape().equals(h.shape())) {
            throw new IllegalArgumentException("RecurrentState: c must have h's shape; got h " + h.shape() + ", c " + c.shape());
        }
    }

    /**
     * The same values cut from the graph: truncated backpropagation through time carries the state into the
     * next chunk this way, so gradients stop at the chunk boundary.
     */
    public RecurrentState detach() {
        return new RecurrentState(h.detach(), c == null ? null : c.detach());
    }
}
