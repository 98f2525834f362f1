/**
 * Image classification on the command line: {@code fovea train} (with its optimizer, schedule, augmentations and
 * the overfit check), {@code eval}, {@code predict}, {@code transfer}, {@code summary} and {@code models}; the
 * model names and architecture patterns they accept ({@link fovea.cli.classify.ModelChoice}) and the weights files
 * they read back ({@link fovea.cli.classify.WeightsOptions}). May import {@code fovea.cli} and core, no other job.
 */
package fovea.cli.classify;
