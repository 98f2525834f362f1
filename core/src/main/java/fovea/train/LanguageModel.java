package fovea.train;

import fovea.data.BatchSource;
import fovea.nn.Losses;
import fovea.nn.recurrent.CharRnn;
import fovea.nn.recurrent.RecurrentState;
import fovea.optim.GradientClipping;
import fovea.optim.Optimizer;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The character-level language-model task, trained with truncated backpropagation through time: a text is cut into
 * contiguous streams read side by side ({@link #chunks}); each step reads the next chunk of every stream, predicts
 * each following character, backpropagates through that chunk only, clips the gradient norm and updates. The state
 * is carried into the next chunk, detached: the network sees the whole stream, the gradient at most one chunk back.
 * The loss is in nats per character; bits per character are that over ln 2.
 */
public final class LanguageModel implements Task<LanguageModel.Chunk> {
    /** The TBPTT length (steps), streams per batch, and the gradient-norm limit (0 for none). */
    public record Config(int steps, int batchSize, float clipNorm) {
        /** Checks the bounds. */
        public Config {
            if (steps < 1 || batchSize < 1 || clipNorm < 0) {
                throw new IllegalArgumentException("LanguageModel: expected steps, batchSize >= 1 and clipNorm >= 0; got "
                        + steps + ", " + batchSize + ", " + clipNorm);
            }
        }
    }

    /**
     * One chunk: inputs [length, streams] (character indices), the next characters as targets [length * streams], and
     * whether it starts its streams (the state starts afresh there).
     */
    public record Chunk(Tensor inputs, Tensor targets, boolean first) {
        /** The number of characters each stream advances. */
        public int length() {
            return inputs.size(0);
        }

        /** The number of characters predicted. */
        public int characters() {
            return targets.size(0);
        }
    }

    private final CharRnn model;
    private final Optimizer optimizer;
    private final Generator random;
    private final Config config;
    private RecurrentState state;

    /** Trains {@code model} with {@code optimizer} (over the model's parameters); {@code random} feeds its dropout. */
    public LanguageModel(CharRnn model, Optimizer optimizer, Generator random, Config config) {
        this.model = model;
        this.optimizer = optimizer;
        this.random = random;
        this.config = config;
    }

    /** The chunks of {@code text} read as {@code config.batchSize()} streams, {@code config.steps()} at a time: training data. */
    public BatchSource<Chunk> chunks(int[] text) {
        return chunks(text, config.batchSize());
    }

    /**
     * The chunks of {@code text} for evaluation: as many streams as fit ({@code batchSize} at most, each long enough
     * for one chunk), so that a short held-out text is still read whole.
     */
    public BatchSource<Chunk> evaluationChunks(int[] text) {
        return chunks(text, Math.max(1, Math.min(config.batchSize(), text.length / (config.steps() + 1))));
    }

    private BatchSource<Chunk> chunks(int[] text, int streams) {
        int streamLength = text.length / streams;
        int count = Math.max(0, (streamLength - 1 + config.steps() - 1) / config.steps());
        if (count == 0) {
            throw new IllegalArgumentException("LanguageModel: the text of " + text.length + " characters is too short "
                    + "for " + streams + " streams; expected at least " + 2 * streams);
        }
        BatchSource<Integer> indices = BatchSource.steps(count);
        return new BatchSource<>() {
            @Override public int batchCount() {
                return count;
            }

            @Override public Batches<Chunk> epoch(int epoch, int firstBatch) {
                Batches<Integer> chunks = indices.epoch(epoch, firstBatch);
                return new Batches<>() {
                    @Override public boolean hasNext() {
                        return chunks.hasNext();
                    }

                    @Override public Chunk next() {
                        int chunk = chunks.next();
                        int start = chunk * config.steps();
                        return window(text, streamLength, streams, start, Math.min(config.steps(), streamLength - 1 - start));
                    }

                    @Override public void close() {
                        chunks.close();
                    }
                };
            }
        };
    }

    @Override public List<String> metrics() {
        return List.of("loss");
    }

    @Override public void onEpochBegin(int epoch) {
        model.train();
        state = null;
    }

    @Override public StepResult trainStep(Chunk chunk) {
        if (chunk.first()) state = null;
        CharRnn.Output out = model.forward(chunk.inputs(), state);
        Tensor loss = Losses.crossEntropy(out.logits().reshape(-1, model.config().vocabulary()), chunk.targets());
        optimizer.zeroGrad();
        loss.backward();
        if (config.clipNorm() > 0) GradientClipping.clipByGlobalNorm(model.parameters(), config.clipNorm());
        optimizer.step();
        state = out.state().detach();                 // carry the state, cut the graph
        return new StepResult(Map.of("loss", (double) loss.item()), chunk.length());
    }

    /** The mean loss per predicted character, in nats, with the state carried through each stream. */
    @Override public Map<String, Double> evaluate(BatchSource<Chunk> data) {
        boolean training = model.isTraining();
        model.eval();
        double nats = 0;
        long count = 0;
        try (GradMode.Scope ignored = GradMode.noGrad(); BatchSource.Batches<Chunk> chunks = data.epoch(0, 0)) {
            RecurrentState carried = null;
            while (chunks.hasNext()) {
                Chunk chunk = chunks.next();
                if (chunk.first()) carried = null;
                CharRnn.Output out = model.forward(chunk.inputs(), carried);
                nats += Losses.crossEntropy(out.logits().reshape(-1, model.config().vocabulary()), chunk.targets()).item()
                        * chunk.characters();
                count += chunk.characters();
                carried = out.state();
            }
        } finally {
            model.train(training);
        }
        return Map.of("loss", nats / count);
    }

    /** The model's cross-entropy on {@code text} in bits per character, read as in {@link #evaluationChunks}. */
    public double bitsPerCharacter(int[] text) {
        return evaluate(evaluationChunks(text)).get("loss") / Math.log(2);
    }

    @Override public Map<String, Stateful> state() {
        return Task.parts(model, optimizer, random);
    }

    @Override public Map<String, Double> learningRates() {
        return Map.of("lr", (double) optimizer.lr());
    }

    /** Inputs [length, streams] from position start of every stream, and the next characters as targets [length * streams]. */
    private static Chunk window(int[] text, int streamLength, int streams, int start, int length) {
        float[] x = new float[length * streams];
        float[] y = new float[length * streams];
        for (int t = 0; t < length; t++) {
            for (int s = 0; s < streams; s++) {
                int position = s * streamLength + start + t;
                x[t * streams + s] = text[position];
                y[t * streams + s] = text[position + 1];
            }
        }
        return new Chunk(Tensor.of(x, length, streams), Tensor.of(y, length * streams), start == 0);
    }
}
