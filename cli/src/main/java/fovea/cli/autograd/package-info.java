/**
 * Backpropagation made visible: {@code fovea demo}, the course's small computational graphs with every node's value
 * and gradient. May import {@code fovea.cli} and core, no other job.
 */
package fovea.cli.autograd;
