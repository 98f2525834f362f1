package fovea.tensor;

/** One recorded op of the graph: its name, its inputs and its derivative; released after backward. */
final class Node {
    final String op;
    /** Whether backward returns each gradient in new storage that nothing else keeps (see Tensor.derived). */
    final boolean freshGradients;
    private Tensor[] inputs;
    private Backward backward;

    Node(String op, Tensor[] inputs, Backward backward, boolean freshGradients) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.freshGradients = freshGradients;
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
