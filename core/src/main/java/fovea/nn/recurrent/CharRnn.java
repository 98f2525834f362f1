package fovea.nn.recurrent;

import fovea.nn.Embedding;
import fovea.nn.Linear;
import fovea.nn.Module;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A character-level language model (Karpathy's char-rnn): an embedding of each character, a recurrent stack, and a
 * linear layer giving the scores of the next character. Parameters {@code embedding.weight}, {@code rnn.*}
 * (PyTorch's names) and {@code head.weight}, {@code head.bias}.
 */
public final class CharRnn extends Module {
    /** The model's sizes: vocabulary, embedding width, cell ("lstm", "gru" or "rnn"), hidden units and layers. */
    public record Config(int vocabulary, int embeddingDim, String cell, int hiddenSize, int numLayers, float dropout) {
        public Config {
            if (vocabulary < 1 || embeddingDim < 1 || hiddenSize < 1 || numLayers < 1) {
                throw new IllegalArgumentException("CharRnn: sizes must be >= 1; got vocabulary " + vocabulary + ", embedding "
                        + embeddingDim + ", hidden " + hiddenSize + ", layers " + numLayers);
            }
            if (!java.util.List.of("lstm", "gru", "rnn").contains(cell)) {
                throw new IllegalArgumentException("CharRnn: unknown cell \"" + cell + "\"; expected one of lstm, gru, rnn");
            }
        }
    }

    /** The scores of the next character at every step [T, N, V] and the state after the last step. */
    public record Output(Tensor logits, RecurrentState state) {}

    private final Config config;
    private final Embedding embedding;
    private final RecurrentLayer rnn;
    private final Linear head;

    /** A model of the given sizes, initialized (and its dropout drawn) from {@code random}. */
    public CharRnn(Config config, RandomGenerator random) {
        this.config = config;
        embedding = child("embedding", new Embedding(config.vocabulary(), config.embeddingDim(), random));
        RecurrentConfig settings = RecurrentConfig.of(config.embeddingDim(), config.hiddenSize())
                .withLayers(config.numLayers()).withDropout(config.dropout());
        rnn = child("rnn", switch (config.cell()) {
            case "lstm" -> new Lstm(settings, random);
            case "gru" -> new Gru(settings, random);
            default -> new Rnn(settings, random);
        });
        head = child("head", new Linear(config.hiddenSize(), config.vocabulary(), random));
    }

    /** The sizes. */
    public Config config() {
        return config;
    }

    /** The scores [T, N, V] for characters [T, N] from a zero state. */
    @Override protected Tensor forward(Tensor characters) {
        return forward(characters, null).logits();
    }

    /** The scores [T, N, V] for characters [T, N] (whole numbers) from {@code state} (null: zeros). */
    public Output forward(Tensor characters, RecurrentState state) {
        if (characters.rank() != 2) {
            throw new IllegalArgumentException("CharRnn: expected characters [T, N]; got " + characters.shape());
        }
        RecurrentLayer.Output out = rnn.forward(embedding.call(characters), state);
        return new Output(head.call(out.output()), out.state());
    }

    /**
     * Generates {@code length} characters after {@code prime} (at least one character), each drawn from
     * softmax(scores / temperature): a low temperature picks the likeliest characters, a high one is more varied.
     */
    public int[] sample(int[] prime, int length, float temperature, RandomGenerator random) {
        if (prime.length == 0 || length < 0 || !(temperature > 0)) {
            throw new IllegalArgumentException("CharRnn.sample: expected a prime of >= 1 characters, length >= 0 and "
                    + "temperature > 0; got " + prime.length + " characters, length " + length + ", temperature " + temperature);
        }
        boolean training = isTraining();
        eval();
        int[] out = new int[length];
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            float[] primeValues = new float[prime.length];
            for (int i = 0; i < prime.length; i++) primeValues[i] = prime[i];
            Output step = forward(Tensor.of(primeValues, prime.length, 1), null);
            Tensor last = step.logits().slice(0, prime.length - 1, prime.length).reshape(-1);
            for (int i = 0; i < length; i++) {
                out[i] = draw(last.div(temperature).softmax(0).toArray(), random);
                step = forward(Tensor.of(new float[] {out[i]}, 1, 1), step.state());
                last = step.logits().reshape(-1);
            }
        } finally {
            train(training);
        }
        return out;
    }

    private static int draw(float[] probabilities, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        return probabilities.length - 1;
    }

    @Override public String toString() {
        return "CharRnn(" + config + ")";
    }
}
