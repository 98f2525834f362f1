/**
 * Layer 3: the architecture zoo — models by name, each configurable for input channels, image size and number
 * of classes.
 *
 * <p>May import {@code fovea.nn} (and {@code fovea.nn.recurrent}), {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.models;
