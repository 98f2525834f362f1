/**
 * Recurrent networks on the command line: {@code fovea charrnn train} and {@code sample} (a character-level language
 * model on a {@link fovea.cli.recurrent.Corpus}) and {@code fovea rnn gradients} (vanishing gradients, made visible).
 * May import {@code fovea.cli} and core, no other job.
 */
package fovea.cli.recurrent;
