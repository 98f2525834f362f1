/**
 * Layer 2: files of tensors — {@link fovea.io.Safetensors} reads and writes the safetensors format that PyTorch
 * and its ecosystem use, and {@link fovea.io.Checkpoint} keeps weights, optimizer state and training progress in
 * one such file. Every write goes to a temporary file that is moved into place, and reading a file only ever
 * parses it: nothing in a file is executed.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}; it knows nothing of modules or optimizers,
 * whose callers hand it maps of named tensors ({@code Safetensors.write(path, model.stateDict(), metadata)}).
 */
package fovea.io;
