package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.cli.ConsoleProgress;
import fovea.cli.DataOptions;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.cli.ThreadsOption;
import fovea.cli.WeightsFiles;
import fovea.data.Batch;
import fovea.data.DataLoader;
import fovea.data.DataSets;
import fovea.data.Dataset;
import fovea.data.Example;
import fovea.data.HorizontalFlip;
import fovea.data.RandomCrop;
import fovea.data.Split;
import fovea.data.Subset;
import fovea.data.TensorDataset;
import fovea.data.Transform;
import fovea.io.Checkpoint;
import fovea.kernel.Parallel;
import fovea.models.GoogLeNet;
import fovea.models.ModelConfig;
import fovea.models.Models;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.optim.Optimizer;
import fovea.tensor.Generator;
import fovea.train.Babysitting;
import fovea.train.Callback;
import fovea.train.CheckpointWriter;
import fovea.train.Classification;
import fovea.train.EpochResult;
import fovea.train.Evaluation;
import fovea.train.History;
import fovea.train.Loop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** {@code fovea train}: trains a model on Fashion-MNIST and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on Fashion-MNIST or --data and evaluate it.",
            "It shows a progress bar, evaluates the model on the test set and writes model.safetensors, checkpoint.safetensors, history.csv, history.json, "
                + "curves.png, diagnostics.txt and results.json to the run folder."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", description = "model name, see 'fovea models' (default: ${DEFAULT-VALUE})", defaultValue = "lenet5")
    private String model;

    @Option(names = "--arch", paramLabel = "PATTERN", description = {"an architecture pattern instead of --model, e.g.",
        "'[(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10'"})
    private String arch;

    @Mixin
    private DataOptions data;

    @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})", defaultValue = "10")
    private int epochs;

    @Option(names = "--batch-size", description = "examples per step (default: ${DEFAULT-VALUE})", defaultValue = "64")
    private int batchSize;

    @Option(names = "--optimizer", description = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "adam")
    private String optimizer;

    @Option(names = "--lr", description = "learning rate (default: the optimizer's: 0.01 for the SGD family and "
            + "adagrad, 0.001 for rmsprop and adam(w), 1 for adadelta; twice that for lenet5, where it measured better)")
    private Float lr;

    @Option(names = "--schedule", description = "none, step, multistep, exponential, poly, cosine, plateau, warmup "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "cosine")
    private String schedule;

    @Option(names = "--weight-decay", description = "L2 weight decay (default: ${DEFAULT-VALUE})", defaultValue = "0")
    private float weightDecay;

    @Option(names = "--augment", split = ",", description = "augmentations, comma-separated, applied in the order given "
            + "(default none): flip (mirror half the images), crop (pad 2, crop 28), rotate (up to 10 degrees either way), "
            + "translate (shift up to 10%% of the size), jitter (brightness and contrast up to 30%%; saturation too on "
            + "colour images), pca (AlexNet's PCA colour noise, fitted on the training images; colour images only)")
    private List<String> augment = new ArrayList<>();

    @Option(names = "--validation", description = "training images held out for validation (default: ${DEFAULT-VALUE})",
            defaultValue = "5000")
    private int validationSize;

    @Option(names = "--image-size", paramLabel = "N", description = "resize the images of a folder:DIR data set to "
            + "NxN (the shorter side scaled, the centre kept; default: the images' own size)", defaultValue = "0")
    private int imageSize;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("MODEL");

    @Option(names = "--limit-train", paramLabel = "N", description = {"train on only the first N training images "
        + "(after the validation images are held out), for a quick look (default: all)"}, defaultValue = "0")
    private int limitTrain;

    @Option(names = "--limit-test", paramLabel = "N", description = "test on only the first N test images, for a quick "
            + "look (default: all)")
    private Integer limitTest;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = {"continue a run from its checkpoint.safetensors: "
        + "the run's model, data and options come from the checkpoint (an option given that contradicts them is an "
        + "error), --epochs N extends the run (a schedule over the run's length stretches to N), and the run folder is "
        + "the checkpoint's unless --out is given"})
    private Path resume;

    @Option(names = "--overfit-check", description = "first check that the model can overfit 20 training images")
    private boolean overfitCheck;

    @Override public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Checkpoint resumed = resume == null ? null : resumedRun();
        OptimizerChoice optimizerChoice = choice(OptimizerChoice.class, "--optimizer", optimizer);
        ScheduleChoice scheduleChoice = choice(ScheduleChoice.class, "--schedule", schedule);
        if (arch != null) model = arch;
        checkOptions();
        // a bad model name or pattern is a usage error before any data is read; on other data than Fashion-MNIST a
        // pattern can only be checked against the data's shape, once it is read
        ModelChoice.check(spec, model);
        if (ModelChoice.isPattern(model) && data.spec(null).startsWith("fashion-mnist")) {
            ModelChoice.create(spec, model, ModelConfig.fashionMnist(), new Generator(0));
        }
        for (String name : augment) augmentation(name, null);
        float learningRate = lr != null ? lr
                : optimizerChoice.defaultLr() * (ModelChoice.isPattern(model) ? 1f : Models.entry(model).lrMultiplier());

        DataSets.Data read = data.open(spec, null, imageSize, seed.value());
        console.println(read.description());
        TensorDataset all = read.train();
        Dataset<Example> test = read.test();
        if (limitTest != null && limitTest < test.size()) {
            test = new Subset<>(test, java.util.stream.IntStream.range(0, limitTest).toArray());
        }
        int[] shape = read.inputShape();
        // the model takes its input shape and class count from the data
        ModelConfig config = new ModelConfig(shape[0], shape[1], shape[2], read.classes().size());
        Generator random = new Generator(seed.value());
        Module network = ModelChoice.create(spec, model, config, random);
        Transform augmentation = Transform.identity();
        for (String name : augment) augmentation = augmentation.andThen(augmentation(name, all));
        if (validationSize >= all.size()) {
            throw new ParameterException(spec.commandLine(), "--validation " + validationSize + " leaves no training images; "
                    + "the data has " + all.size());
        }
        Dataset<Example> trainSet = all;
        Dataset<Example> validationSet = null;
        if (validationSize > 0) {
            Split<Example> split = Split.trainValidation(all, validationSize, new Generator(seed.value()));
            trainSet = split.train();
            validationSet = split.validation();
        }
        if (limitTrain > 0 && limitTrain < trainSet.size()) {
            trainSet = new Subset<>(trainSet, java.util.stream.IntStream.range(0, limitTrain).toArray());
        }
        Optimizer optim = optimizerChoice.create(network.parameters(), learningRate, weightDecay);
        Classification task = new Classification(network, optim, Losses::crossEntropy, random, objective(network));
        Loop<Batch> trainer = new Loop<>(task, epochs);
        OverfitCheck.Result overfit = null;
        if (overfitCheck) {
            overfit = new OverfitCheck(console).run(() -> ModelChoice.create(spec, model, config, new Generator(seed.value())), all,
                    optimizerChoice, learningRate);
        }

        // a resumed run goes on in its own folder unless --out names another
        RunFolder folder = out.createOr(resume == null ? null : resume.toAbsolutePath().getParent(),
                arch != null ? "arch" : model);
        Map<String, String> weightsMetadata = WeightsOptions.metadata(model, read.name().startsWith("fashion-mnist")
                ? "fashion-mnist" : read.name(), data.spec(null), shape, read.classes(), String.join(",", augment));
        weightsMetadata.forEach(trainer::note);      // a checkpoint names its model as the weights do
        Map<String, String> effective = new java.util.HashMap<>();
        effective.put("--lr", Float.toString(learningRate));
        if (arch != null) effective.put("--model", null);
        trainer.note(RecordedOptions.KEY, RecordedOptions.record(spec, effective));
        DataLoader<Batch> trainLoader = DataLoader.of(trainSet, DataLoader.Config.training(batchSize, seed.value()),
                augmentation);
        ConsoleProgress progress = ConsoleProgress.of(console);
        Callback scheduleCallback = scheduleChoice.callback(optim, learningRate, epochs);
        trainer.add(new Babysitting(network, trainLoader, config.classes())).add(progress)
                .add(new CheckpointWriter(folder.checkpoint()));
        if (scheduleCallback != null) trainer.add(scheduleCallback);
        if (resumed != null) {       // after the callbacks: those with state (a plateau schedule) resume too
            trainer.resume(resumed);
            console.printf("resuming from %s after epoch %d%n", resume, trainer.epochsDone());
        }
        console.printf(Locale.ROOT, "training %s (%,d parameters) on %d images, validating on %d; %s lr %s, batch %d, "
                + "%s, seed %d%n", model, network.parameterCount(), trainSet.size(), validationSet == null ? 0 : validationSet.size(),
                optimizerChoice.optionName(), learningRate, batchSize, epochs == 1 ? "1 epoch" : epochs + " epochs", seed.value());
        console.flush();

        DataLoader<Batch> validationLoader = validationSet == null ? null
                : DataLoader.of(validationSet, DataLoader.Config.evaluation(256));
        History history;
        try {
            history = trainer.fit(trainLoader, validationLoader);
        } finally {
            folder.writeDiagnostics((overfit == null ? "" : overfit.line() + "\n") + progress.diagnostics());
        }
        Evaluation evaluation = task.evaluation(DataLoader.of(test, DataLoader.Config.evaluation(256)));
        folder.writeWeights(network, weightsMetadata);
        folder.writeHistory(history, model);
        Map<String, Object> results = results(read, network, history, evaluation, learningRate, optimizerChoice);
        if (overfit != null) results.put("overfit_check", overfit.figures());
        folder.writeResults(results);
        console.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f, training time %.1f s%nrun folder: %s%n",
                evaluation.accuracy(), evaluation.loss(), trainSeconds(history), folder.path());
        console.flush();
        return 0;
    }

    /**
     * The checkpoint of {@code --resume}, its recorded options applied to those not given (an option that contradicts
     * them is a usage error), and a run that is already complete refused unless --epochs extends it.
     */
    private Checkpoint resumedRun() {
        if (!java.nio.file.Files.isRegularFile(resume)) {
            throw new ParameterException(spec.commandLine(), "--resume: no checkpoint file at " + resume);
        }
        WeightsFiles.read(spec, "--resume", resume);       // a file that is not safetensors: one line naming it
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(resume);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--resume: " + e.getMessage()
                    + "; expected the checkpoint.safetensors of a run folder");
        }
        String options = checkpoint.extra().get(RecordedOptions.KEY);
        if (options != null) RecordedOptions.apply(spec, options, resume);
        if (epochs <= checkpoint.epoch()) {
            throw new ParameterException(spec.commandLine(), "--resume: the run in " + resume + " is complete after "
                    + checkpoint.epoch() + (checkpoint.epoch() == 1 ? " epoch" : " epochs") + "; give --epochs N with N > "
                    + checkpoint.epoch() + " to train it further");
        }
        return checkpoint;
    }

    /** GoogLeNet with auxiliary classifiers trains on the paper's loss over all three; other models on their scores. */
    private static Classification.Objective objective(Module network) {
        if (!(network instanceof GoogLeNet googlenet)) return null;
        return (features, labels) -> {
            GoogLeNet.Output output = googlenet.outputs(features);
            return new Classification.Scored(output.scores(), output.loss(Losses::crossEntropy, labels));
        };
    }

    /**
     * Every number given, checked before the data is read (the optimizers accept a learning rate of 0, as PyTorch's
     * do); then the kernels' thread count set.
     */
    private void checkOptions() {
        Cli.atLeast(spec, "--epochs", epochs, 1);
        Cli.atLeast(spec, "--batch-size", batchSize, 1);
        if (lr != null) Cli.atLeast(spec, "--lr", lr, 0);
        Cli.atLeast(spec, "--weight-decay", weightDecay, 0);
        Cli.atLeast(spec, "--validation", validationSize, 0);
        Cli.atLeast(spec, "--image-size", imageSize, 0);
        Cli.atLeast(spec, "--limit-train", limitTrain, 0);
        if (limitTest != null) Cli.atLeast(spec, "--limit-test", limitTest, 1);
        threads.apply();
    }

    private Map<String, Object> results(DataSets.Data read, Module network, History history, Evaluation evaluation,
                               float learningRate, OptimizerChoice optimizerChoice) {
        Map<String, Object> results = new java.util.LinkedHashMap<>();
        results.put("model", model);
        results.put("dataset", read.name());
        results.put("data", data.spec(null));
        results.put("epochs", history.epochs().size());
        results.put("batch_size", batchSize);
        results.put("optimizer", optimizerChoice.optionName());
        results.put("lr", learningRate);
        results.put("schedule", schedule);
        results.put("weight_decay", weightDecay);
        results.put("augment", String.join(",", augment));
        if (limitTrain > 0) results.put("limit_train", limitTrain);
        if (limitTest != null) results.put("limit_test", limitTest);
        results.put("seed", seed.value());
        results.put("threads", Parallel.threads());
        results.put("params", network.parameterCount());
        results.put("test_accuracy", evaluation.accuracy());
        results.put("test_loss", evaluation.loss());
        results.put("train_seconds", trainSeconds(history));
        List<Object> epochSeconds = new ArrayList<>();
        for (EpochResult e : history.epochs()) epochSeconds.add(e.seconds());
        results.put("epoch_seconds", epochSeconds);
        EpochResult last = history.last();
        results.put("final_train_accuracy", last.trainAccuracy());
        if (!Double.isNaN(last.validationAccuracy())) results.put("final_validation_accuracy", last.validationAccuracy());
        return results;
    }

    private static double trainSeconds(History history) {
        return history.epochs().stream().mapToDouble(EpochResult::seconds).sum();
    }

    /** The augmentation {@code name}; with {@code train} null only checks the name (before any data is read). */
    private Transform augmentation(String name, TensorDataset all) {
        Transform none = Transform.identity();
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "flip" -> { return new HorizontalFlip(0.5f); }
            case "crop" -> { return all == null ? none : new RandomCrop(all.exampleShape()[1], 2); }
            case "rotate" -> { return fovea.data.RandomAffine.rotation(10); }
            case "translate" -> { return fovea.data.RandomAffine.translation(0.1); }
            case "jitter" -> { return new fovea.data.ColorJitter(0.3, 0.3, 0.3); }
            case "pca" -> {
                if (all == null) return none;
                if (all.exampleShape()[0] != 3) {
                    throw new ParameterException(spec.commandLine(), "--augment pca needs colour (RGB) images, one "
                            + "principal component per channel; the training images are "
                            + java.util.Arrays.toString(all.exampleShape()));
                }
                // Fitted on the images the model trains on: the validation images are held out as call() holds
                // them out, with the same seed, so that their colours do not leak into training.
                Dataset<Example> train = validationSize > 0 && validationSize < all.size()
                        ? Split.trainValidation(all, validationSize, new Generator(seed.value())).train() : all;
                return fovea.data.PcaColorNoise.fit(train);
            }
            case "none", "" -> { return none; }
            default -> throw Cli.unknown(spec, "augmentation", name,
                    List.of("flip", "crop", "rotate", "translate", "jitter", "pca", "none"));
        }
    }

    private <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) return constant;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) names.add(constant.name().toLowerCase(Locale.ROOT));
        throw Cli.unknown(spec, option, value, names);
    }
}
