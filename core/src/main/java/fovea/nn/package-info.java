/**
 * Layer 2: {@link fovea.nn.Module} (PyTorch's user model, with explicit registration), {@link fovea.nn.Sequential},
 * the layers, {@link fovea.nn.Init} and {@link fovea.nn.Losses}.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.nn;
