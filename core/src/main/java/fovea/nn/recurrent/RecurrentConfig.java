package fovea.nn.recurrent;

/**
 * The settings of a recurrent layer stack, PyTorch's constructor arguments: input and hidden size, numLayers,
 * bias, batchFirst (input [N, T, I] instead of [T, N, I]), dropout on the outputs of every layer but the last
 * (in training), and bidirectional.
 * <pre>{@code new Lstm(RecurrentConfig.of(28, 128).withLayers(2).withBatchFirst(true), random)}</pre>
 */
public record RecurrentConfig(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
                              float dropout, boolean bidirectional) {
    public RecurrentConfig {
        if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
            throw new IllegalArgumentException("RecurrentConfig: inputSize, hiddenSize and numLayers must be >= 1; got "
                    + inputSize + ", " + hiddenSize + ", " + numLayers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("RecurrentConfig: dropout must be in [0, 1); got " + dropout);
        }
    }

    /** One unidirectional layer with biases, time-major, no dropout: PyTorch's defaults. */
    public static RecurrentConfig of(int inputSize, int hiddenSize) {
        return new RecurrentConfig(inputSize, hiddenSize, 1, true, false, 0f, false);
    }

    /** These settings with {@code value} layers. */
    public RecurrentConfig withLayers(int value) {
        return new RecurrentConfig(inputSize, hiddenSize, value, bias, batchFirst, dropout, bidirectional);
    }

    /** These settings with or without biases. */
    public RecurrentConfig withBias(boolean value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, value, batchFirst, dropout, bidirectional);
    }

    /** These settings with input and output batch-first ([N, T, features]) or not. */
    public RecurrentConfig withBatchFirst(boolean value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, value, dropout, bidirectional);
    }

    /** These settings with dropout p between layers. */
    public RecurrentConfig withDropout(float value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, value, bidirectional);
    }

    /** These settings, bidirectional or not. */
    public RecurrentConfig withBidirectional(boolean value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, value);
    }

    /** 2 for a bidirectional stack, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }
}
