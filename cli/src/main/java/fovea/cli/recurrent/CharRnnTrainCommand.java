package fovea.cli.recurrent;

import fovea.cli.Cli;
import fovea.cli.LiveBar;
import fovea.cli.Numbers;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.cli.Terminal;
import fovea.cli.ThreadsOption;
import fovea.cli.WeightsFiles;
import fovea.data.CharVocabulary;
import fovea.io.TextFiles;
import fovea.kernel.Parallel;
import fovea.nn.recurrent.CharRnn;
import fovea.optim.Adam;
import fovea.tensor.Generator;
import fovea.train.Callback;
import fovea.train.EpochResult;
import fovea.train.LanguageModel;
import fovea.train.Loop;
import fovea.train.StepResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea charrnn train}: trains a character-level language model with truncated BPTT and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character-level language model on a text file.",
            "The default text is the licence texts in /usr/share/common-licenses; the end of the text is held out to "
                + "report bits per character. Writes model.safetensors (with the vocabulary), history.csv, samples.txt "
                + "and results.json."})
final class CharRnnTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text to learn (default: the licence texts of Debian's base-files)")
    private Path textFile;

    @Option(names = "--cell", description = "lstm, gru or rnn (default: ${DEFAULT-VALUE})", defaultValue = "lstm")
    private String cell;

    @Option(names = "--hidden", description = "hidden units per layer (default: ${DEFAULT-VALUE})", defaultValue = "256")
    private int hidden;

    @Option(names = "--layers", description = "recurrent layers (default: ${DEFAULT-VALUE})", defaultValue = "2")
    private int layers;

    @Option(names = "--embedding", description = "embedding width (default: ${DEFAULT-VALUE})", defaultValue = "64")
    private int embedding;

    @Option(names = "--dropout", description = "dropout between layers (default: ${DEFAULT-VALUE})", defaultValue = "0.1")
    private float dropout;

    @Option(names = "--steps", description = "truncated BPTT: characters per chunk; the state is carried across chunks and "
            + "the graph cut after each (default: ${DEFAULT-VALUE})", defaultValue = "64")
    private int steps;

    @Option(names = "--batch-size", description = "streams read side by side (default: ${DEFAULT-VALUE})", defaultValue = "32")
    private int batchSize;

    @Option(names = "--epochs", description = "passes over the training text (default: ${DEFAULT-VALUE})", defaultValue = "5")
    private int epochs;

    @Option(names = "--lr", description = "Adam's learning rate (default: ${DEFAULT-VALUE})", defaultValue = "0.002")
    private float lr;

    @Option(names = "--clip", description = "gradient-norm limit, 0 for none (default: ${DEFAULT-VALUE})", defaultValue = "5")
    private float clip;

    @Option(names = "--validation", description = "fraction of the text, at its end, held out (default: ${DEFAULT-VALUE})",
            defaultValue = "0.1")
    private double validation;

    @Option(names = "--temperature", description = "temperature of the samples printed after each epoch (default: ${DEFAULT-VALUE})",
            defaultValue = "0.8")
    private float temperature;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("charrnn");

    @Override public Integer call() throws Exception {
        checkOptions();
        PrintWriter console = spec.commandLine().getOut();
        Corpus corpus = Corpus.read(textFile);
        CharVocabulary vocabulary = CharVocabulary.of(corpus.text());
        int[] all = vocabulary.encode(corpus.text());
        int split = (int) Math.round(all.length * (1 - validation));
        int[] train = Arrays.copyOfRange(all, 0, split);
        int[] heldOut = Arrays.copyOfRange(all, split, all.length);
        Generator random = new Generator(seed.value());
        CharRnn model;
        LanguageModel trainer;
        try {
            model = new CharRnn(new CharRnn.Config(vocabulary.size(), embedding, cell, hidden, layers, dropout), random);
            trainer = new LanguageModel(model, new Adam(model.parameters(), Adam.Config.defaults().withLr(lr)), random,
                    new LanguageModel.Config(steps, batchSize, clip));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunFolder folder = out.create("charrnn");
        console.printf(Locale.ROOT, "text: %s, %,d characters (%d distinct); training on %,d, holding out %,d%n",
                corpus.source(), all.length, vocabulary.size(), train.length, heldOut.length);
        console.printf(Locale.ROOT, "model: %s, %,d parameters; TBPTT %d steps x %d streams, Adam lr %s, clip %s, %s%n",
                describe(model.config()), model.parameterCount(), steps, batchSize, Numbers.of(lr),
                clip == 0 ? "none" : Numbers.of(clip), Numbers.count(epochs, "epoch"));
        console.flush();

        StringBuilder history = new StringBuilder("epoch,train_loss,train_bits_per_character,validation_bits_per_character,seconds\n");
        StringBuilder samples = new StringBuilder();
        List<Object> epochResults = new ArrayList<>();
        int[] prime = vocabulary.encode(corpus.text().substring(0, 1));
        boolean terminal = Terminal.interactive();
        int width = terminal ? Terminal.width() : 0;                  // asked once, not every epoch
        Loop<LanguageModel.Chunk> loop = new Loop<>(trainer, epochs).add(new Callback() {
            private LiveBar bar;
            private double smoothed;
            private long start;

            @Override public void onEpochBegin(int epoch, int batches) {
                start = System.nanoTime();
                smoothed = Double.NaN;
                bar = terminal ? new LiveBar(console, width,
                        String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches) : null;
            }

            @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
                if (bar == null) return;
                double value = step.get("loss");
                smoothed = Double.isNaN(smoothed) ? value : 0.95 * smoothed + 0.05 * value;
                double seconds = (System.nanoTime() - start) / 1e9;
                bar.step(1, String.format(Locale.ROOT, " loss %.3f  %.0f chars/s", smoothed,
                        (double) (batch + 1) * steps * batchSize / Math.max(seconds, 1e-9)));
            }

            @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
                if (bar != null) bar.close();
                int epoch = result.epoch();
                double loss = result.trainLoss();
                double bits = result.validationLoss() / Math.log(2);
                double seconds = result.seconds();
                String sample = vocabulary.decode(model.sample(prime, 200, temperature, new Generator(seed.value() + epoch)));
                console.printf(Locale.ROOT, "epoch %d/%d  loss %.4f (%.3f bits/char)  held-out %.3f bits/char  %.1fs  %,.0f chars/s%n",
                        epoch, epochs, loss, loss / Math.log(2), bits, seconds, train.length / seconds);
                console.printf("  sample: %s%n", sample.replace("\n", " | "));
                console.flush();
                history.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3f%n", epoch, loss, loss / Math.log(2), bits, seconds));
                samples.append("epoch ").append(epoch).append(":\n").append(sample).append("\n\n");
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("epoch", epoch);
                e.put("train_loss", loss);
                e.put("validation_bits_per_character", bits);
                e.put("seconds", seconds);
                epochResults.add(e);
            }
        });
        fovea.train.History trained = loop.fit(trainer.chunks(train), trainer.evaluationChunks(heldOut));
        double trainSeconds = trained.epochs().stream().mapToDouble(EpochResult::seconds).sum();
        double bits = trained.last().validationLoss() / Math.log(2);
        folder.writeWeights(model, Map.of("model", "charrnn", "vocabulary", vocabulary.characters(), "cell", cell,
                "hidden", Integer.toString(hidden), "layers", Integer.toString(layers), "embedding", Integer.toString(embedding),
                WeightsFiles.WRITTEN_BY, "fovea charrnn train"));
        TextFiles.write(folder.path().resolve("history.csv"), history.toString());
        TextFiles.write(folder.path().resolve("samples.txt"), samples.toString());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("model", "charrnn");
        results.put("text", corpus.source());
        results.put("characters", all.length);
        results.put("vocabulary", vocabulary.size());
        results.put("held_out_characters", heldOut.length);
        results.put("cell", cell);
        results.put("hidden", hidden);
        results.put("layers", layers);
        results.put("embedding", embedding);
        results.put("dropout", dropout);
        results.put("tbptt_steps", steps);
        results.put("batch_size", batchSize);
        results.put("lr", lr);
        results.put("clip", clip);
        results.put("seed", seed.value());
        results.put("threads", Parallel.threads());
        results.put("params", model.parameterCount());
        results.put("bits_per_character", bits);
        results.put("train_seconds", trainSeconds);
        results.put("epochs", epochResults);
        folder.writeResults(results);
        console.printf(Locale.ROOT, "held-out bits per character %.3f, training time %.1f s%nrun folder: %s%n", bits, trainSeconds,
                folder.path());
        console.flush();
        return 0;
    }

    /** The model for people: "embedding of 86 characters to 64, LSTM of 2 layers x 256 units, dropout 0.1". */
    private static String describe(CharRnn.Config config) {
        return String.format(Locale.ROOT, "embedding of %d characters to %d, %s of %s x %d units, dropout %s", config.vocabulary(),
                config.embeddingDim(), config.cell().toUpperCase(Locale.ROOT), Numbers.count(config.numLayers(), "layer"),
                config.hiddenSize(), Numbers.of(config.dropout()));
    }

    /**
     * Every option given, checked before the text is read, with the bounds the model, Adam and the trainer set;
     * then the kernels' thread count set.
     */
    private void checkOptions() {
        if (!java.util.List.of("lstm", "gru", "rnn").contains(cell)) {
            throw new ParameterException(spec.commandLine(), "unknown --cell '" + cell + "'; expected lstm, gru or rnn");
        }
        Cli.atLeast(spec, "--hidden", hidden, 1);
        Cli.atLeast(spec, "--layers", layers, 1);
        Cli.atLeast(spec, "--embedding", embedding, 1);
        Cli.inRange(spec, "--dropout", dropout, 0, 1);
        Cli.atLeast(spec, "--steps", steps, 1);
        Cli.atLeast(spec, "--batch-size", batchSize, 1);
        Cli.atLeast(spec, "--epochs", epochs, 1);
        Cli.atLeast(spec, "--lr", lr, 0);
        Cli.atLeast(spec, "--clip", clip, 0);
        Cli.require(spec, validation > 0 && validation < 1, "--validation", "in (0, 1)", Cli.number(validation));
        Cli.above(spec, "--temperature", temperature, 0);
        threads.apply();
    }
}
