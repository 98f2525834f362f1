package fovea.cli.classic;

import fovea.classic.LinearClassifier;
import fovea.classic.OptimizerComparison;
import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.cli.Numbers;
import fovea.cli.RowProgress;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.cli.ThreadsOption;
import fovea.cli.WeightsFiles;
import fovea.data.FashionMnist;
import fovea.io.Safetensors;
import fovea.io.TextFiles;
import fovea.tensor.Generator;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import fovea.train.EpochResult;
import fovea.train.History;
import java.io.PrintWriter;
import java.util.ArrayList;
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

/** {@code fovea linear}: a linear classifier on Fashion-MNIST pixels, or the course's three ways to optimize one. */
@Command(name = "linear", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a linear classifier (SVM, softmax, logistic) on pixels.",
            "It trains a multiclass SVM, softmax, or one-vs-rest logistic regression, with L2 regularization, on "
                + "Fashion-MNIST pixels in [0, 1] by minibatch SGD and evaluates it on the test set. Writes results.json, curves.png, templates.png (one image of "
                + "weights per class) and model.safetensors.",
            "With --compare-optimizers, instead compare random search, random local search and gradient descent on "
                + "the same images and the same number of iterations."})
public final class LinearCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--loss", description = "svm, softmax or logistic (default: ${DEFAULT-VALUE})", defaultValue = "softmax")
    private String loss;

    @Option(names = "--lr", description = "learning rate (default: 0.01 for svm, 0.1 for softmax and logistic)")
    private Float lr;

    @Option(names = "--reg", description = "L2 regularization strength: reg * sum(W^2) (default: ${DEFAULT-VALUE})", defaultValue = "1e-4")
    private float reg;

    @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})", defaultValue = "10")
    private int epochs;

    @Option(names = "--batch-size", description = "images per step (default: ${DEFAULT-VALUE})", defaultValue = "200")
    private int batchSize;

    @Mixin
    private PreprocessOption preprocess;

    @Option(names = "--validation", description = "training images held out for validation (default: ${DEFAULT-VALUE})",
            defaultValue = "5000")
    private int validationSize;

    @Option(names = "--limit-train", paramLabel = "N", description = "use only the first N training images")
    private Integer limitTrain;

    @Option(names = "--compare-optimizers", description = "compare random search, random local search and gradient descent")
    private boolean compare;

    @Option(names = "--iterations", description = "with --compare-optimizers: iterations of each method (default: ${DEFAULT-VALUE})",
            defaultValue = "200")
    private int iterations;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("linear-LOSS");

    @Override public Integer call() throws Exception {
        LinearClassifier.Loss kind = lossOf(spec, loss);
        float learningRate = lr != null ? lr : kind == LinearClassifier.Loss.SVM ? 0.01f : 0.1f;
        // every number before the data is read; the classifier's SGD needs a learning rate > 0
        Cli.above(spec, "--lr", learningRate, 0);
        Cli.atLeast(spec, "--reg", reg, 0);
        Cli.atLeast(spec, "--epochs", epochs, 1);
        Cli.atLeast(spec, "--batch-size", batchSize, 1);
        Cli.atLeast(spec, "--validation", validationSize, 0);
        Cli.atLeast(spec, "--iterations", iterations, 1);
        ClassicData.checkLimits(spec, limitTrain, null);
        preprocess.check(spec);
        threads.apply();
        PrintWriter console = spec.commandLine().getOut();
        ClassicData loaded = ClassicData.load(spec, data, limitTrain, null, false);
        console.println(loaded.found().message());
        int n = loaded.trainLabels().length;
        if (validationSize >= n) {
            throw new ParameterException(spec.commandLine(), "--validation must be < " + n + ", the training images; got " + validationSize);
        }
        // the validation images are the last ones of the training set; preprocessing is fitted on the others only
        int trainSize = n - validationSize;
        ClassicData split = new ClassicData(loaded.found(), loaded.trainFeatures().slice(0, 0, trainSize),
                java.util.Arrays.copyOf(loaded.trainLabels(), trainSize), loaded.testFeatures(), loaded.testLabels());
        Prepared prepared = Prepared.of(spec, preprocess, split);
        console.println(prepared.describe());
        Tensor validation = validationSize == 0 ? null
                : prepared.transform().apply(loaded.trainFeatures().slice(0, trainSize, n));
        int[] validationLabels = java.util.Arrays.copyOfRange(loaded.trainLabels(), trainSize, n);
        RunFolder folder = out.create("linear-" + loss.toLowerCase(Locale.ROOT));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("dataset", loaded.datasetName());
        results.put("loss", kind.name().toLowerCase(Locale.ROOT));
        results.put("preprocess", preprocess.spec());
        results.put("train_size", trainSize);
        results.put("validation_size", validationSize);
        results.put("test_size", loaded.testLabels().length);
        results.put("lr", learningRate);
        results.put("reg", reg);
        results.put("seed", seed.value());
        if (compare) {
            compare(kind, learningRate, prepared, console, folder, results);
        } else {
            train(kind, learningRate, prepared, validation, validationLabels, console, folder, results);
        }
        folder.writeResults(results);
        console.printf("run folder: %s%n", folder.path());
        console.flush();
        return 0;
    }

    private void train(LinearClassifier.Loss kind, float learningRate, Prepared prepared, Tensor validation,
                       int[] validationLabels, PrintWriter console, RunFolder folder, Map<String, Object> results) throws Exception {
        int[] labels = prepared.loaded().trainLabels();
        LinearClassifier classifier = new LinearClassifier(prepared.train().size(1), 10, kind, new Generator(seed.value()));
        LinearClassifier.Config config = new LinearClassifier.Config(kind, learningRate, reg, epochs, batchSize, seed.value());
        console.printf(Locale.ROOT, "training a linear %s classifier on %d images, validating on %d: lr %s, reg %s, batch %d, "
                + "%s%n", kind.name().toLowerCase(Locale.ROOT), labels.length, validationLabels.length, Numbers.of(learningRate),
                Numbers.of(reg), batchSize, Numbers.count(epochs, "epoch"));
        console.flush();
        History history = new History();
        try (RowProgress progress = RowProgress.of("linear", (long) labels.length * epochs, false)) {
            classifier.fit(prepared.train(), labels, validation, validationLabels, config, epoch -> {
                double validationLoss = Double.NaN;
                if (validation != null) {
                    try (GradMode.Scope ignored = GradMode.noGrad()) {
                        validationLoss = classifier.loss(validation, validationLabels, reg).item();
                    }
                }
                history.add(EpochResult.classification(epoch.epoch(), epoch.loss(), epoch.trainAccuracy(), validationLoss,
                        epoch.validationAccuracy(), epoch.seconds(), learningRate));
                console.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f%s  %.1fs%n", epoch.epoch(), epochs, epoch.loss(),
                        epoch.trainAccuracy(), validation == null ? "" : String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f",
                                validationLoss, epoch.validationAccuracy()), epoch.seconds());
                console.flush();
            }, progress);
        }
        double testAccuracy = classifier.accuracy(prepared.test(), prepared.loaded().testLabels());
        Tensor pixels = prepared.transform().pullBack(classifier.weights());
        TextFiles.write(folder.path().resolve("templates.png"), ClassicCharts.templates(pixels, 28, 28, FashionMnist.CLASSES));
        folder.writeHistory(history, "linear " + kind.name().toLowerCase(Locale.ROOT));
        Safetensors.write(folder.path().resolve(RunFolder.WEIGHTS), Map.of("weight", classifier.weights().transpose(0, 1),
                "bias", classifier.bias()), Map.of("model", "linear-" + kind.name().toLowerCase(Locale.ROOT), "preprocess", preprocess.spec(),
                WeightsFiles.WRITTEN_BY, "fovea linear"));
        results.put("epochs", epochs);
        results.put("batch_size", batchSize);
        results.put("final_train_accuracy", history.last().trainAccuracy());
        if (validation != null) results.put("final_validation_accuracy", history.last().validationAccuracy());
        results.put("test_accuracy", testAccuracy);
        results.put("train_seconds", history.epochs().stream().mapToDouble(EpochResult::seconds).sum());
        console.printf(Locale.ROOT, "test accuracy %.4f%n", testAccuracy);
    }

    private void compare(LinearClassifier.Loss kind, float learningRate, Prepared prepared, PrintWriter console,
                         RunFolder folder, Map<String, Object> results) throws java.io.IOException {
        int[] labels = prepared.loaded().trainLabels();
        OptimizerComparison.Config config = new OptimizerComparison.Config(kind, iterations, 0.01f, 0.01f, learningRate, reg,
                seed.value());
        console.printf(Locale.ROOT, "three ways to optimize a linear %s classifier, %d iterations each on the same %d "
                + "training images (each iteration evaluates the full training loss once)%n", kind.name().toLowerCase(Locale.ROOT),
                iterations, labels.length);
        console.flush();
        List<OptimizerComparison.Outcome> outcomes;
        try (RowProgress progress = RowProgress.of("optimizers", 3L * iterations, false)) {
            outcomes = OptimizerComparison.run(new OptimizerComparison.Data(prepared.train(), labels, prepared.test(),
                    prepared.loaded().testLabels(), 10), config, progress);
        }
        console.printf(Locale.ROOT, "%n  method                 training loss  train acc  test acc  seconds%n");
        List<Object> list = new ArrayList<>();
        for (OptimizerComparison.Outcome o : outcomes) {
            console.printf(Locale.ROOT, "  %-21s  %13.4f  %9.4f  %8.4f  %7.1f%n", o.method(), o.loss(), o.trainAccuracy(),
                    o.testAccuracy(), o.seconds());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", o.method());
            row.put("loss", o.loss());
            row.put("train_accuracy", o.trainAccuracy());
            row.put("test_accuracy", o.testAccuracy());
            row.put("seconds", o.seconds());
            row.put("losses", java.util.Arrays.stream(o.losses()).boxed().toList());
            list.add(row);
        }
        TextFiles.write(folder.path().resolve("optimizers.png"), ClassicCharts.optimizers(outcomes, kind.name().toLowerCase(Locale.ROOT)));
        console.printf(Locale.ROOT, "optimizers.png: the training loss of each method at every iteration%n");
        results.put("iterations", iterations);
        results.put("weight_scale", config.scale());
        results.put("local_step", config.step());
        results.put("optimizers", list);
    }

    static LinearClassifier.Loss lossOf(CommandSpec spec, String name) {
        for (LinearClassifier.Loss value : LinearClassifier.Loss.values()) {
            if (value.name().equalsIgnoreCase(name.trim())) return value;
        }
        throw new ParameterException(spec.commandLine(), "unknown --loss '" + name + "'; expected svm, softmax or logistic");
    }
}
