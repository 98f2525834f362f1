package fovea.cli.classic;

import fovea.classic.Distance;
import fovea.classic.Knn;
import fovea.classic.KnnCrossValidation;
import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.cli.RowProgress;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.cli.ThreadsOption;
import fovea.io.Json;
import fovea.io.TextFiles;
import fovea.kernel.Parallel;
import fovea.tensor.Generator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea knn}: the k-nearest-neighbour classifier on Fashion-MNIST, or the cross-validation of k. */
@Command(name = "knn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify the test images by their k nearest training images.",
            "Fashion-MNIST's raw pixels, L1 or L2 distance, majority vote, ties to the smallest label, for several k and distances "
                + "from one search each. With --folds, first choose k by cross-validation on the training images "
                + "(table and cv.png), then classify the test images with the best k. Writes results.json to the run "
                + "folder."})
public final class KnnCommand implements Callable<Integer> {
    private static final List<Integer> COURSE_KS = List.of(1, 3, 5, 8, 10, 12, 15, 20, 50, 100);
    /** The most consecutive ks that knn.png shows, from 1. */
    private static final int CURVE_KS = 100;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--k", split = ",", paramLabel = "K", description = "neighbours, comma-separated (default: 1,5,9; "
            + "with --folds the course's 1,3,5,8,10,12,15,20,50,100)")
    private List<Integer> ks;

    @Option(names = "--distance", split = ",", paramLabel = "D", description = "l1, l2 or both, comma-separated (default: ${DEFAULT-VALUE})",
            defaultValue = "l2")
    private List<String> distances;

    @Option(names = "--folds", paramLabel = "N", description = "choose k by N-fold cross-validation on the training images")
    private Integer folds;

    @Option(names = "--cv", description = "the same as --folds 5")
    private boolean cv;

    @Mixin
    private PreprocessOption preprocess;

    @Option(names = "--limit-train", paramLabel = "N", description = "use only the first N training images")
    private Integer limitTrain;

    @Option(names = "--limit-test", paramLabel = "N", description = "classify only the first N test images")
    private Integer limitTest;

    @Option(names = "--json", description = "print one JSON object (results, seconds) and nothing else on stdout")
    private boolean json;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("knn");

    @Override public Integer call() throws Exception {
        int foldCount = folds != null ? folds : cv ? 5 : 0;
        List<Integer> candidates = ks != null ? ks : foldCount > 0 ? COURSE_KS : List.of(1, 5, 9);
        List<Distance> metrics = distances();
        if (folds != null) Cli.atLeast(spec, "--folds", folds, 2);
        for (int k : candidates) Cli.atLeast(spec, "--k", k, 1);
        ClassicData.checkLimits(spec, limitTrain, limitTest);
        preprocess.check(spec);
        threads.apply();
        PrintWriter console = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        ClassicData loaded = ClassicData.load(spec, data, limitTrain, limitTest, true);
        console.println(loaded.found().message());
        int largest = candidates.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int available = foldCount > 0 ? loaded.trainLabels().length - (loaded.trainLabels().length + foldCount - 1) / foldCount
                : loaded.trainLabels().length;
        if (largest > available) {
            throw new ParameterException(spec.commandLine(), "--k must be <= " + available + ", the training images "
                    + (foldCount > 0 ? "outside a fold" : "used") + "; got " + largest);
        }
        Prepared prepared = Prepared.of(spec, preprocess, loaded);
        console.println(prepared.describe());
        RunFolder folder = out.create("knn");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("dataset", loaded.datasetName());
        results.put("train_size", loaded.trainLabels().length);
        results.put("test_size", loaded.testLabels().length);
        results.put("preprocess", preprocess.spec());
        results.put("threads", Parallel.threads());
        int[] finalKs = candidates.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> chosen = new ArrayList<>();
        if (foldCount > 0) {
            chosen = crossValidate(prepared, finalKs, metrics, foldCount, console, folder, results);
        }
        List<Object> list = new ArrayList<>();
        Map<String, Object> distanceSeconds = new LinkedHashMap<>();
        // without cross-validation, every k up to the largest asked costs only its vote: the search for the largest k
        // finds the neighbours of all smaller ones, and knn.png plots them
        int[] curveKs = foldCount > 0 ? null : curveKs(finalKs);
        List<Object> curves = new ArrayList<>();
        List<ClassicCharts.Curve> plotted = new ArrayList<>();
        long start = System.nanoTime();
        for (int m = 0; m < metrics.size(); m++) {
            Distance distance = metrics.get(m);
            long began = System.nanoTime();
            int[] testKs = foldCount > 0 ? new int[] {chosen.get(m)} : finalKs;
            int[] searched = curveKs != null ? curveKs : testKs;
            Knn knn = new Knn(prepared.train(), loaded.trainLabels());
            double[] accuracies = new double[searched.length];
            try (RowProgress progress = RowProgress.of("knn " + name(distance), loaded.testLabels().length, false)) {
                int[][] predicted = knn.predict(prepared.test(), searched, distance, progress);
                for (int i = 0; i < searched.length; i++) accuracies[i] = Knn.accuracy(predicted[i], loaded.testLabels());
            }
            for (int k : testKs) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("k", k);
                result.put("distance", name(distance));
                result.put("accuracy", accuracies[Arrays.binarySearch(searched, k)]);
                list.add(result);
            }
            if (curveKs != null) {
                plotted.add(new ClassicCharts.Curve(name(distance), curveKs, accuracies));
                Map<String, Object> curve = new LinkedHashMap<>();
                curve.put("distance", name(distance));
                curve.put("k", Arrays.stream(curveKs).boxed().toList());
                curve.put("accuracy", Arrays.stream(accuracies).boxed().toList());
                curves.add(curve);
            }
            double distanceTime = (System.nanoTime() - began) / 1e9;
            distanceSeconds.put(name(distance), distanceTime);
            console.printf(Locale.ROOT, "%s: %d test images classified in %.1f s%n", name(distance), loaded.testLabels().length,
                    distanceTime);
            console.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        results.put("results", list);
        results.put("seconds", seconds);
        results.put("distance_seconds", distanceSeconds);
        if (curveKs != null) {
            results.put("accuracy_by_k", curves);
            TextFiles.write(folder.path().resolve("knn.png"), ClassicCharts.accuracyByK(plotted, finalKs));
        }
        folder.writeResults(results);
        if (json) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.write(RunFolder.finite(results)));
            stdout.flush();
        } else {
            console.printf(Locale.ROOT, "%n  k  distance  test accuracy%n");
            for (var element : list) {
                Map<?, ?> r = (Map<?, ?>) element;
                console.printf(Locale.ROOT, "%3d  %-8s  %.4f%n", r.get("k"), r.get("distance"), r.get("accuracy"));
            }
        }
        if (curveKs != null) {
            console.printf(Locale.ROOT, "knn.png: test accuracy for k = 1..%d, %s%n", curveKs[curveKs.length - 1],
                    String.join(" and ", metrics.stream().map(KnnCommand::name).toList()));
        }
        console.printf(Locale.ROOT, "classified %d test images against %d training images in %.1f s (%d threads)%nrun folder: %s%n",
                loaded.testLabels().length, loaded.trainLabels().length, seconds, Parallel.threads(), folder.path());
        console.flush();
        return 0;
    }

    /** The cross-validation of the candidate ks for each distance: table, cv.png, and the best k of each distance. */
    private List<Integer> crossValidate(Prepared prepared, int[] candidates, List<Distance> metrics, int foldCount,
                                        PrintWriter console, RunFolder folder, Map<String, Object> results) throws Exception {
        int[] labels = prepared.loaded().trainLabels();
        List<KnnCrossValidation.Result> all = new ArrayList<>();
        List<Integer> best = new ArrayList<>();
        List<Object> table = new ArrayList<>();
        for (Distance distance : metrics) {
            KnnCrossValidation.Result result;
            try (RowProgress progress = RowProgress.of(foldCount + "-fold cv " + name(distance), labels.length, false)) {
                result = KnnCrossValidation.run(prepared.train(), labels, candidates, distance, foldCount,
                        new Generator(seed.value()), progress);
            }
            all.add(result);
            best.add(result.bestK());
            console.printf(Locale.ROOT, "%n%d-fold cross-validation, %s distance, %d training images%n", foldCount,
                    name(distance), labels.length);
            console.printf(Locale.ROOT, "    k    mean     std   folds%n");
            for (int i = 0; i < candidates.length; i++) {
                StringBuilder foldText = new StringBuilder();
                List<Object> foldJson = new ArrayList<>();
                for (double a : result.accuracies()[i]) {
                    foldText.append(String.format(Locale.ROOT, " %.4f", a));
                    foldJson.add(a);
                }
                console.printf(Locale.ROOT, "  %3d  %.4f  %.4f  %s%n", candidates[i], result.mean(i), result.std(i), foldText.toString().trim());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("k", candidates[i]);
                row.put("distance", name(distance));
                row.put("mean", result.mean(i));
                row.put("std", result.std(i));
                row.put("folds", foldJson);
                table.add(row);
            }
            console.printf(Locale.ROOT, "best k for %s: %d%n", name(distance), result.bestK());
            console.flush();
        }
        results.put("folds", foldCount);
        results.put("cross_validation", table);
        TextFiles.write(folder.path().resolve("cv.png"), ClassicCharts.crossValidation(all));
        return best;
    }

    /**
     * The ks of knn.png, ascending: every k from 1 to the largest asked, at most {@value #CURVE_KS} of them (each holds
     * a prediction per test image), and the ks asked.
     */
    private static int[] curveKs(int[] asked) {
        TreeSet<Integer> ks = new TreeSet<>();
        int largest = Arrays.stream(asked).max().orElse(1);
        for (int k = 1; k <= Math.min(largest, CURVE_KS); k++) ks.add(k);
        for (int k : asked) ks.add(k);
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<Distance> distances() {
        List<Distance> result = new ArrayList<>();
        for (String name : distances) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "l1" -> result.add(Distance.L1);
                case "l2" -> result.add(Distance.L2);
                default -> throw new ParameterException(spec.commandLine(), "unknown --distance '" + name + "'; expected l1 or l2");
            }
        }
        return result;
    }

    private static String name(Distance distance) {
        return distance.name().toLowerCase(Locale.ROOT);
    }
}
