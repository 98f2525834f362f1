package fovea.tensor;

/** One recorded op of the graph: its name, its inputs and its derivative; released after backward. */
final class Node {
    final String op;
    private Tensor[] inputs;
    private Backward backward;

    Node(String op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    Tensor[] inputs() {
        if (inputs == null) {
            throw new IllegalStateException("backward: the graph through '" + op + "' was already released by an "
                    + "earlier backward(); compute the forward pass again");
        }
        return inputs;
    }

    Backward backward() {
        inputs();
        return backward;
    }

    /** Drops the references to inputs and saved tensors so the graph can be collected. */
    void release() {
        inputs = null;
        backward = null;
    }

    boolean released() {
        return inputs == null;
    }
}
