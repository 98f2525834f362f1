/**
 * Layer 2: recurrent networks, as PyTorch's nn.RNN, nn.LSTM and nn.GRU ({@link fovea.nn.recurrent.Rnn},
 * {@link fovea.nn.recurrent.Lstm}, {@link fovea.nn.recurrent.Gru}: several layers, bidirectional, dropout between
 * layers, batch-first, initial and final state, PyTorch's parameter names), each layer-direction one fused graph
 * node ({@link fovea.tensor.Recurrence}); and their single-step cells ({@link fovea.nn.recurrent.RnnCell},
 * {@link fovea.nn.recurrent.LstmCell}, {@link fovea.nn.recurrent.GruCell}) composed of tensor ops, which are the
 * layers' test oracle and let every h_t be inspected.
 *
 * <p>May import {@code fovea.nn} (its parent: Module, Functional), {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.nn.recurrent;
