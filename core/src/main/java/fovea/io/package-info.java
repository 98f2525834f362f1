/**
 * Layer 2: files of tensors — {@link fovea.io.Safetensors} reads and writes the safetensors format that PyTorch
 * and its ecosystem use (as files, byte arrays or streams), {@link fovea.io.Checkpoint} keeps weights, optimizer
 * state and training progress in one such file, and {@link fovea.io.Json} is the one JSON reader and writer of the
 * project. Every write of a file goes to a temporary file that is moved into place, and reading only ever parses:
 * nothing in a file or stream is executed.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}; it knows nothing of modules or optimizers,
 * whose callers hand it maps of named tensors ({@code Safetensors.write(path, model.stateDict(), metadata)}).
 */
package fovea.io;
