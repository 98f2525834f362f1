/**
 * Layer 2: {@link fovea.optim.Optimizer} and the update rules (one algorithm per class, PyTorch's arithmetic
 * step for step) over parameter groups ({@link fovea.optim.ParamGroups}), {@link fovea.optim.Lbfgs} stepped with a
 * closure, the learning-rate schedules ({@link fovea.optim.LrSchedule}, {@link fovea.optim.LrScheduler} per epoch or per
 * step, {@link fovea.optim.ReduceOnPlateau}), {@link fovea.optim.GradientClipping}, and the registries of names a front
 * end offers ({@link fovea.optim.Optimizers}, {@link fovea.optim.LrSchedules}).
 *
 * <p>An optimizer receives tensors (a {@code List<Tensor>}, groups of them, or named ones for
 * {@link fovea.optim.ParamGroups#fromNamed}) and knows nothing of modules.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.optim;
