/**
 * Layer 1: {@link fovea.tensor.Tensor}, {@link fovea.tensor.Shape}, the define-by-run autograd engine (graph
 * nodes, the iterative backward pass, the no-grad scope), the primitive ops with their derivatives written
 * beside the forward code, and {@link fovea.tensor.GradCheck}.
 *
 * <p>May import only {@code fovea.kernel}.
 */
package fovea.tensor;
