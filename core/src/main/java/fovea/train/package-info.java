/**
 * Layer 3: the training loop ({@code Trainer}), its callbacks, the history of a run, metrics, and the course's
 * "babysitting" diagnostics. The library prints nothing: callbacks decide what a user sees.
 *
 * <p>May import the layer-2 packages ({@code fovea.nn}, {@code fovea.optim}, {@code fovea.data},
 * {@code fovea.io}), {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.train;
