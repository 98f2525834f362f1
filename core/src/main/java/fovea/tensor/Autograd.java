package fovea.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backward pass: a reverse topological walk of the recorded graph without recursion, so a chain of
 * any length is safe; gradients of a tensor used several times are added; the graph is released afterwards.
 */
final class Autograd {
    private Autograd() {}

    static void backward(Tensor root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor " + root.shape() + " does not require grad; "
                    + "expected the result of ops on tensors created with requiresGrad(true)");
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        // gradients whose storage only this pass holds: a leaf adopts them instead of copying (one copy of every
        // weight's gradient less per step); the seed and everything a backward passes through are not among them
        Set<Tensor> adoptable = Collections.newSetFromMap(new IdentityHashMap<>());
        grads.put(root, seed);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor tensor = order.get(i);
                Tensor grad = grads.remove(tensor);
                if (grad == null) continue;                 // no path from root carries a gradient here
                Node node = tensor.node();
                boolean adopt = adoptable.remove(grad);
                if (node == null || tensor.retainsGrad()) tensor.accumulateGrad(grad, adopt && node == null);
                if (node == null) continue;
                Tensor[] inputs = node.inputs();
                Tensor[] inputGrads = node.backward().apply(grad);
                checkGrads(node, inputs, inputGrads);
                for (int k = 0; k < inputs.length; k++) {
                    Tensor input = inputs[k];
                    Tensor inputGrad = inputGrads[k];
                    if (inputGrad == null || !input.requiresGrad()) continue;
                    Tensor before = grads.get(input);
                    if (before == null) {
                        grads.put(input, inputGrad);
                        if (node.freshGradients && ownsStorage(k, inputGrads, grad)) adoptable.add(inputGrad);
                    } else {
                        adoptable.remove(before);
                        Tensor sum = before.add(inputGrad);           // new storage
                        grads.put(input, sum);
                        adoptable.add(sum);
                    }
                }
            }
        }
        for (Tensor tensor : order) {
            if (tensor.node() != null) tensor.node().release();
        }
    }

    /** Whether gradient {@code k} shares its storage neither with the incoming gradient nor with another one. */
    private static boolean ownsStorage(int k, Tensor[] gradients, Tensor incoming) {
        float[] data = gradients[k].data;
        if (data == incoming.data) return false;
        for (int j = 0; j < gradients.length; j++) {
            if (j != k && gradients[j] != null && gradients[j].data == data) return false;
        }
        return true;
    }

    /** Tensors reachable from root through recorded nodes, each after all of its inputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();      // index of the next input to visit, per stack entry
        stack.push(root);
        next.push(0);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor tensor = stack.peek();
            int index = next.pop();
            Node node = tensor.node();
            Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
            if (index < inputs.length) {
                next.push(index + 1);
                Tensor input = inputs[index];
                if (input.requiresGrad() && seen.put(input, Boolean.TRUE) == null) {
                    stack.push(input);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(tensor);
            }
        }
        return order;
    }

    private static void checkGrads(Node node, Tensor[] inputs, Tensor[] grads) {
        if (grads == null || grads.length != inputs.length) {
            throw new IllegalStateException(node.op + ": backward returned " + (grads == null ? "null" : grads.length
                    + " gradients") + "; expected " + inputs.length + ", one per input");
        }
        for (int k = 0; k < inputs.length; k++) {
            if (grads[k] != null && !grads[k].shape().equals(inputs[k].shape())) {
                throw new IllegalStateException(node.op + ": backward gave a gradient of shape " + grads[k].shape()
                        + " for input " + k + "; expected the input's shape " + inputs[k].shape());
            }
        }
    }
}
