package fovea.train;

import fovea.nn.Losses;
import fovea.nn.recurrent.CharRnn;
import fovea.nn.recurrent.RecurrentState;
import fovea.optim.GradientClipping;
import fovea.optim.Optimizer;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;

/**
 * Trains a character-level language model with truncated backpropagation through time: the text is cut into
 * {@code batchSize} contiguous streams read side by side; each step reads the next {@code steps} characters of
 * every stream, predicts each following character, backpropagates through those steps only, clips the
 * gradient norm and updates. The state is carried into the next chunk, detached: the network sees the whole
 * stream, the gradient at most {@code steps} characters back.
 */
public final class LanguageModelTrainer {
    /** The TBPTT length (steps), streams per batch, and the gradient-norm limit (0 for none). */
    public record Config(int steps, int batchSize, float clipNorm) {
        public Config {
            if (steps < 1 || batchSize < 1 || clipNorm < 0) {
                throw new IllegalArgumentException("LanguageModelTrainer: expected steps, batchSize >= 1 and clipNorm >= 0; got "
                        + steps + ", " + batchSize + ", " + clipNorm);
            }
        }
    }

    /** Told after every chunk: its number, the number of chunks in the epoch, and its mean loss (nats per character). */
    @FunctionalInterface
    public interface Listener {
        /** Called after each optimizer step. */
        void chunkDone(int chunk, int chunks, double loss);
    }

    private final CharRnn model;
    private final Optimizer optimizer;
    private final Config config;

    /** A trainer of {@code model} with {@code optimizer} (over the model's parameters). */
    public LanguageModelTrainer(CharRnn model, Optimizer optimizer, Config config) {
        this.model = model;
        this.optimizer = optimizer;
        this.config = config;
    }

    /** The number of chunks one epoch over {@code text} takes. */
    public int chunks(int[] text) {
        int streamLength = text.length / config.batchSize();
        return Math.max(0, (streamLength - 1 + config.steps() - 1) / config.steps());
    }

    /** One pass over {@code text}; returns the mean training loss in nats per character. */
    public double trainEpoch(int[] text, Listener listener) {
        int streamLength = text.length / config.batchSize();
        int chunks = chunks(text);
        if (chunks == 0) {
            throw new IllegalArgumentException("LanguageModelTrainer: the text of " + text.length + " characters is too short "
                    + "for " + config.batchSize() + " streams; expected at least " + 2 * config.batchSize());
        }
        model.train();
        RecurrentState state = null;
        double lossSum = 0;
        long count = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            int start = chunk * config.steps();
            int length = Math.min(config.steps(), streamLength - 1 - start);
            Tensor[] xy = window(text, streamLength, config.batchSize(), start, length);
            CharRnn.Output out = model.forward(xy[0], state);
            Tensor loss = Losses.crossEntropy(out.logits().reshape(-1, model.config().vocabulary()), xy[1]);
            optimizer.zeroGrad();
            loss.backward();
            if (config.clipNorm() > 0) GradientClipping.clipByGlobalNorm(model.parameters(), config.clipNorm());
            optimizer.step();
            state = out.state().detach();                 // carry the state, cut the graph
            double value = loss.item();
            if (!Double.isFinite(value)) throw new TrainingDiverged("loss is " + value + " at chunk " + chunk);
            lossSum += value * length;
            count += length;
            if (listener != null) listener.chunkDone(chunk + 1, chunks, value);
        }
        return lossSum / count;
    }

    /**
     * The model's cross-entropy on {@code text} in bits per character, read as {@code batchSize} streams with the
     * state carried through, in evaluation mode and without recording; every character but each stream's first
     * is predicted once.
     */
    public double bitsPerCharacter(int[] text) {
        int streams = Math.max(1, Math.min(config.batchSize(), text.length / (config.steps() + 1)));
        int streamLength = text.length / streams;
        boolean training = model.isTraining();
        model.eval();
        double nats = 0;
        long count = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            RecurrentState state = null;
            for (int start = 0; start < streamLength - 1; start += config.steps()) {
                int length = Math.min(config.steps(), streamLength - 1 - start);
                Tensor[] xy = window(text, streamLength, streams, start, length);
                CharRnn.Output out = model.forward(xy[0], state);
                nats += Losses.crossEntropy(out.logits().reshape(-1, model.config().vocabulary()), xy[1]).item()
                        * length * streams;
                count += (long) length * streams;
                state = out.state();
            }
        } finally {
            model.train(training);
        }
        return nats / count / Math.log(2);
    }

    /** Inputs [length, streams] from position start of every stream, and the next characters as targets [length * streams]. */
    private static Tensor[] window(int[] text, int streamLength, int streams, int start, int length) {
        float[] x = new float[length * streams];
        float[] y = new float[length * streams];
        for (int t = 0; t < length; t++) {
            for (int s = 0; s < streams; s++) {
                int position = s * streamLength + start + t;
                x[t * streams + s] = text[position];
                y[t * streams + s] = text[position + 1];
            }
        }
        return new Tensor[] {Tensor.of(x, length, streams), Tensor.of(y, length * streams)};
    }
}
