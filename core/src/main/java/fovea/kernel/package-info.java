/**
 * Layer 0: raw {@code float[]} loops — SGEMM, im2col/col2im and convolutions lowered onto SGEMM, pooling and
 * batch-norm loops over image planes, recurrent layers (per-step GEMMs and fused gate loops), vectorized
 * elementwise and reduction loops, and the thread pools they split work over (the shared default and
 * pools with their own thread budget, {@link fovea.kernel.Parallel}).
 * Knows nothing of tensors or graphs and imports nothing of Fovea.
 *
 * <p>Every fast kernel has a plain loop beside it ({@code *Reference} or a {@code scalar} method) that is the
 * test oracle. The Vector API ({@code jdk.incubator.vector}) is used only behind {@link fovea.kernel.Simd#AVAILABLE};
 * without the module the scalar loops run and a one-line notice says so.
 */
package fovea.kernel;
