package fovea.cli.classic;

import fovea.classic.LinearClassifier;
import fovea.classic.RandomSearch;
import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.cli.Numbers;
import fovea.cli.RowProgress;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.cli.ThreadsOption;
import fovea.io.TextFiles;
import fovea.tensor.Generator;
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

/** {@code fovea search}: random hyperparameter search, coarse to fine, for a linear classifier on Fashion-MNIST. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search a linear classifier's learning rate and regularization.",
            "A random search of the learning rate and the regularization strength, drawn log-uniformly: a coarse stage (short training, wide ranges), then a fine stage around the "
                + "best coarse trials, each scored on a validation split of the training images. Prints the trials "
                + "sorted by validation accuracy, retrains the best setting on all training images and evaluates it "
                + "once on the test set. Writes results.json and search.png to the run folder."})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--loss", description = "svm, softmax or logistic (default: ${DEFAULT-VALUE})", defaultValue = "softmax")
    private String loss;

    @Option(names = "--lr-range", paramLabel = "LOW:HIGH", description = "learning rates (default: ${DEFAULT-VALUE})", defaultValue = "1e-4:1")
    private String lrRange;

    @Option(names = "--reg-range", paramLabel = "LOW:HIGH", description = "regularization strengths (default: ${DEFAULT-VALUE})",
            defaultValue = "1e-6:1e-1")
    private String regRange;

    @Option(names = "--coarse-trials", description = "trials of the coarse stage (default: ${DEFAULT-VALUE})", defaultValue = "12")
    private int coarseTrials;

    @Option(names = "--fine-trials", description = "trials of the fine stage (default: ${DEFAULT-VALUE})", defaultValue = "8")
    private int fineTrials;

    @Option(names = "--keep", description = "best coarse trials the fine ranges span (default: ${DEFAULT-VALUE})", defaultValue = "3")
    private int keep;

    @Option(names = "--coarse-epochs", description = "epochs of a coarse trial (default: ${DEFAULT-VALUE})", defaultValue = "1")
    private int coarseEpochs;

    @Option(names = "--fine-epochs", description = "epochs of a fine trial and of the final training (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    private int fineEpochs;

    @Option(names = "--batch-size", description = "images per step (default: ${DEFAULT-VALUE})", defaultValue = "200")
    private int batchSize;

    @Mixin
    private PreprocessOption preprocess;

    @Option(names = "--validation", description = "training images held out for validation (default: ${DEFAULT-VALUE})",
            defaultValue = "5000")
    private int validationSize;

    @Option(names = "--limit-train", paramLabel = "N", description = "use only the first N training images")
    private Integer limitTrain;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("search-LOSS");

    @Override public Integer call() throws Exception {
        LinearClassifier.Loss kind = LinearCommand.lossOf(spec, loss);
        List<RandomSearch.Range> ranges = List.of(range("lr", "--lr-range", lrRange), range("reg", "--reg-range", regRange));
        // every number before the data is read; the trials are scored on the validation images, so there must be some
        Cli.atLeast(spec, "--coarse-trials", coarseTrials, 1);
        Cli.atLeast(spec, "--fine-trials", fineTrials, 0);
        Cli.atLeast(spec, "--keep", keep, 1);
        Cli.atLeast(spec, "--coarse-epochs", coarseEpochs, 1);
        Cli.atLeast(spec, "--fine-epochs", fineEpochs, 1);
        Cli.atLeast(spec, "--batch-size", batchSize, 1);
        Cli.atLeast(spec, "--validation", validationSize, 1);
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
        int trainSize = n - validationSize;
        // the search sees the training part only, preprocessed as fitted on it; the last images validate
        ClassicData part = new ClassicData(loaded.found(), loaded.trainFeatures().slice(0, 0, trainSize),
                java.util.Arrays.copyOf(loaded.trainLabels(), trainSize), loaded.trainFeatures().slice(0, trainSize, n),
                java.util.Arrays.copyOfRange(loaded.trainLabels(), trainSize, n));
        Prepared searched = Prepared.of(spec, preprocess, part);
        console.println(searched.describe());
        console.printf(Locale.ROOT, "random search for a linear %s classifier: %d coarse trials (%s) over %s, %s; "
                + "then %d fine trials (%s); %d training, %d validation images%n", kind.name().toLowerCase(Locale.ROOT),
                coarseTrials, Numbers.count(coarseEpochs, "epoch"), describe(ranges.get(0)), describe(ranges.get(1)), fineTrials,
                Numbers.count(fineEpochs, "epoch"), trainSize, validationSize);
        console.flush();
        RandomSearch.Result result;
        int total = coarseTrials + fineTrials;
        try (RowProgress progress = RowProgress.of("search", total, false)) {
            int[] done = {0};
            result = RandomSearch.run(ranges, coarseTrials, fineTrials, keep, new Generator(seed.value()), (setting, stage) -> {
                LinearClassifier classifier = new LinearClassifier(searched.train().size(1), 10, kind,
                        new Generator(seed.value()));
                LinearClassifier.Config config = new LinearClassifier.Config(kind, setting.get("lr").floatValue(),
                        setting.get("reg").floatValue(), stage == 1 ? coarseEpochs : fineEpochs, batchSize, seed.value());
                classifier.fit(searched.train(), part.trainLabels(), null, null, config, null, null);
                return classifier.accuracy(searched.test(), part.testLabels());
            }, trial -> {
                progress.accept(1);
                done[0]++;
                console.printf(Locale.ROOT, "trial %2d/%d %-8s  lr %-9s  reg %-9s  val_acc %.4f%n", done[0], total,
                        trial.stage() == 1 ? "(coarse)" : "(fine)", setting(trial, "lr"), setting(trial, "reg"),
                        trial.validationAccuracy());
                console.flush();
            });
        }
        List<Object> trials = table(result, console);
        RandomSearch.Trial best = result.best();
        // the best setting, retrained on all training images (preprocessing refitted on them) and tested once
        Prepared full = Prepared.of(spec, preprocess, loaded);
        LinearClassifier classifier = new LinearClassifier(full.train().size(1), 10, kind, new Generator(seed.value()));
        classifier.fit(full.train(), loaded.trainLabels(), null, null, new LinearClassifier.Config(kind,
                best.setting().get("lr").floatValue(), best.setting().get("reg").floatValue(), fineEpochs, batchSize,
                seed.value()), null, null);
        double testAccuracy = classifier.accuracy(full.test(), loaded.testLabels());
        console.printf(Locale.ROOT, "%nbest: lr %s, reg %s, validation accuracy %.4f; retrained on %d images for %s: "
                + "test accuracy %.4f%n", setting(best, "lr"), setting(best, "reg"), best.validationAccuracy(), n,
                Numbers.count(fineEpochs, "epoch"), testAccuracy);

        RunFolder folder = out.create("search-" + loss.toLowerCase(Locale.ROOT));
        TextFiles.write(folder.path().resolve("search.png"), ClassicCharts.search(result));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("dataset", loaded.datasetName());
        results.put("loss", kind.name().toLowerCase(Locale.ROOT));
        results.put("preprocess", preprocess.spec());
        results.put("train_size", trainSize);
        results.put("validation_size", validationSize);
        results.put("coarse_epochs", coarseEpochs);
        results.put("fine_epochs", fineEpochs);
        results.put("batch_size", batchSize);
        results.put("seed", seed.value());
        results.put("fine_ranges", ranges(result.fineRanges()));
        results.put("trials", trials);
        Map<String, Object> bestJson = new LinkedHashMap<>();
        bestJson.put("lr", best.setting().get("lr"));
        bestJson.put("reg", best.setting().get("reg"));
        bestJson.put("validation_accuracy", best.validationAccuracy());
        results.put("best", bestJson);
        results.put("test_accuracy", testAccuracy);
        folder.writeResults(results);
        console.printf("run folder: %s%n", folder.path());
        console.flush();
        return 0;
    }

    /** Prints the trials sorted by validation accuracy and returns them as JSON rows. */
    private static List<Object> table(RandomSearch.Result result, PrintWriter console) {
        console.printf(Locale.ROOT, "%nfine ranges: %s, %s%n%n  rank  stage   lr         reg        val_acc%n",
                describe(result.fineRanges().get(0)), describe(result.fineRanges().get(1)));
        List<Object> trials = new ArrayList<>();
        for (int i = 0; i < result.trials().size(); i++) {
            RandomSearch.Trial t = result.trials().get(i);
            console.printf(Locale.ROOT, "  %4d  %-6s  %-9s  %-9s  %.4f%n", i + 1, t.stage() == 1 ? "coarse" : "fine",
                    setting(t, "lr"), setting(t, "reg"), t.validationAccuracy());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", t.stage() == 1 ? "coarse" : "fine");
            row.put("lr", t.setting().get("lr"));
            row.put("reg", t.setting().get("reg"));
            row.put("validation_accuracy", t.validationAccuracy());
            trials.add(row);
        }
        return trials;
    }

    /** A trial's hyperparameter to 3 significant digits: 0.927, 7.85e-5. */
    private static String setting(RandomSearch.Trial trial, String name) {
        return Numbers.significant(trial.setting().get(name), 3);
    }

    /** "lr in [1e-4, 1]": a range's bounds to 3 significant digits. */
    private static String describe(RandomSearch.Range range) {
        return range.name() + " in [" + Numbers.significant(range.low(), 3) + ", " + Numbers.significant(range.high(), 3) + "]";
    }

    private RandomSearch.Range range(String name, String option, String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                double low = Double.parseDouble(parts[0]);
                double high = Double.parseDouble(parts[1]);
                if (Double.isFinite(high)) return new RandomSearch.Range(name, low, high);
            }
        } catch (IllegalArgumentException e) {
            // the error below
        }
        throw new ParameterException(spec.commandLine(), option + ": expected LOW:HIGH with 0 < LOW <= HIGH; got '" + text + "'");
    }

    private static List<Object> ranges(List<RandomSearch.Range> ranges) {
        List<Object> array = new ArrayList<>();
        for (RandomSearch.Range range : ranges) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("name", range.name());
            object.put("low", range.low());
            object.put("high", range.high());
            array.add(object);
        }
        return array;
    }
}
