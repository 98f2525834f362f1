package fovea.models;

import fovea.nn.Linear;
import fovea.nn.Module;
import fovea.nn.recurrent.Gru;
import fovea.nn.recurrent.Lstm;
import fovea.nn.recurrent.RecurrentConfig;
import fovea.nn.recurrent.RecurrentLayer;
import fovea.nn.recurrent.Rnn;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * An image read as a sequence, row by row: [N, C, H, W] becomes H steps of C*W values, a recurrent stack reads
 * them, and a linear layer classifies the last layer's final hidden state (its output at the last step). Parameters: {@code rnn.*} (PyTorch's
 * LSTM/GRU/RNN names) and {@code fc.weight}, {@code fc.bias}.
 */
public final class SequenceClassifier extends Module {
    /** The recurrent cell of the stack. */
    public enum Kind { RNN, LSTM, GRU }

    private final ModelConfig config;
    private final RecurrentLayer rnn;
    private final Linear fc;

    /** A stack of {@code layers} layers of {@code hidden} units of the given kind, for images of {@code config}. */
    public SequenceClassifier(Kind kind, int hidden, int layers, ModelConfig config, RandomGenerator random) {
        this.config = config;
        RecurrentConfig settings = RecurrentConfig.of(config.channels() * config.width(), hidden).withLayers(layers)
                .withBatchFirst(true);
        rnn = child("rnn", switch (kind) {
            case RNN -> new Rnn(settings, random);
            case LSTM -> new Lstm(settings, random);
            case GRU -> new Gru(settings, random);
        });
        fc = child("fc", new Linear(hidden, config.classes(), random));
    }

    /** x [N, C, H, W] to class scores [N, classes]. */
    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != config.channels() || x.size(2) != config.height() || x.size(3) != config.width()) {
            throw new IllegalArgumentException("SequenceClassifier: expected images [N, " + config.channels() + ", "
                    + config.height() + ", " + config.width() + "]; got " + x.shape());
        }
        Tensor rows = x.permute(0, 2, 1, 3).reshape(x.size(0), config.height(), config.channels() * config.width());
        Tensor outputs = rnn.call(rows);                   // [N, T, H]; the last step's output is the last layer's final h
        int steps = outputs.size(1);
        return fc.call(outputs.slice(1, steps - 1, steps).squeeze(1));
    }
}
