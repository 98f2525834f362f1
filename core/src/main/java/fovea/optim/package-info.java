/**
 * Layer 2: {@link fovea.optim.Optimizer} and the update rules (one algorithm per class, PyTorch's arithmetic
 * step for step), the learning-rate schedules ({@link fovea.optim.LrSchedule}, {@link fovea.optim.LrScheduler},
 * {@link fovea.optim.ReduceOnPlateau}) and {@link fovea.optim.GradientClipping}.
 *
 * <p>An optimizer receives a {@code List<Tensor>} of parameters and knows nothing of modules.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.optim;
