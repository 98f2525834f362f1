package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.data.Batch;
import fovea.data.DataLoader;
import fovea.data.DataSets;
import fovea.data.Dataset;
import fovea.data.Example;
import fovea.data.Subset;
import fovea.data.TestTimeAugmentation;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.train.Classification;
import fovea.train.Evaluation;
import fovea.train.Metrics;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fovea eval}: test-set metrics of saved weights: accuracy, loss, top-5, per-class accuracy, confusion matrix. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate saved weights on the test set.",
            "The test set of the data the weights were trained on (or --data): accuracy, top-5 accuracy, loss, "
                + "per-class accuracy and the confusion matrix."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WeightsOptions weights;

    @Mixin
    private DataOptions data;

    @Option(names = "--tta", description = {"test-time augmentation: none (default), flips (each image "
            + "and its mirror) or tencrop (AlexNet's ten crops: the four corners, the centre and their mirrors, cut from "
            + "the image padded by 2, as --augment crop trains); the class probabilities are averaged over the views; a "
            + "warning says when the model was trained without the views' augmentations"}, defaultValue = "none")
    private String tta;

    @Option(names = "--limit-test", paramLabel = "N", description = "evaluate only the first N test images, for a quick "
            + "look (default: all)")
    private Integer limitTest;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // the options before the weights and the data are read
        TestTimeAugmentation.Views views = views(tta);
        if (limitTest != null) Cli.atLeast(spec, "--limit-test", limitTest, 1);
        WeightsOptions.Loaded loaded = weights.load(spec);
        if (views != null) warnOfUnseenViews(views, loaded.augment());
        Module model = loaded.module();
        // the data set the weights were trained on, unless --data names another
        DataSets.Data read = data.open(spec, loaded.data(), loaded.config().height(), 0);
        out.println(read.description());
        Dataset<Example> test = read.test();
        if (limitTest != null && limitTest < test.size()) test = new Subset<>(test, IntStream.range(0, limitTest).toArray());
        DataLoader<Batch> loader = DataLoader.of(test, DataLoader.Config.evaluation(views == null ? 256 : 64));
        Evaluation evaluation = Classification.evaluation(model, Losses::crossEntropy, loader,
                views == null ? model::call : TestTimeAugmentation.averaged(model::call, views));
        if (views != null) out.printf("test-time augmentation: %d views per image, probabilities averaged%n", views.count());
        int k = Math.min(5, loaded.classes().size());
        out.printf(Locale.ROOT, "test images %d%naccuracy %.4f%ntop-%d accuracy %.4f%nloss %.4f%n%n",
                test.size(), evaluation.accuracy(), k, evaluation.topK(k), evaluation.loss());
        long[][] confusion = evaluation.confusionMatrix();
        double[] perClass = Metrics.perClassAccuracy(confusion);
        // rows: the true class, numbered; columns: the class predicted, under the same numbers
        int nameWidth = Math.max(5, loaded.classes().stream().mapToInt(String::length).max().orElse(5));
        int cell = Math.max(5, Long.toString(test.size()).length() + 1);
        StringBuilder numbers = new StringBuilder();
        for (int c = 0; c < confusion.length; c++) numbers.append(String.format(Locale.ROOT, "%" + cell + "d", c));
        String rowHead = "%2s %-" + nameWidth + "s %8s  ";
        out.printf(Locale.ROOT, rowHead + "confusion: predicted as (columns), by true class (rows)%n",
                "", "class", "accuracy");
        out.printf(Locale.ROOT, rowHead + "%s%n", "", "", "", numbers);
        for (int c = 0; c < confusion.length; c++) {
            StringBuilder row = new StringBuilder();
            for (long count : confusion[c]) row.append(String.format(Locale.ROOT, "%" + cell + "d", count));
            out.printf(Locale.ROOT, "%2d %-" + nameWidth + "s %8.4f  %s%n", c, loaded.classes().get(c), perClass[c], row);
        }
        out.flush();
        return 0;
    }

    /** The views {@code --tta} names, null for none; another name is a usage error naming the close ones. */
    private TestTimeAugmentation.Views views(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("none")) return null;
        if (key.equals("flips")) return TestTimeAugmentation.Views.FLIPS;
        if (List.of("tencrop", "tencrops", "ten-crop").contains(key)) return TestTimeAugmentation.Views.TEN_CROPS;
        throw Cli.unknown(spec, "--tta", name, List.of("none", "flips", "tencrop"));
    }

    /**
     * One line on stderr when the views show the model what its training augmentations never did (mirrors without
     * flip, shifted crops without crop), which can lower the accuracy; or, for a file that does not record them, that
     * the check cannot be made.
     */
    private void warnOfUnseenViews(TestTimeAugmentation.Views views, String augment) {
        PrintWriter err = spec.commandLine().getErr();
        String command = spec.qualifiedName();
        if (augment == null) {
            err.println(command + ": note: " + weights.weights + " does not record its training augmentations, so "
                    + "whether it saw the views of --tta " + tta + " cannot be checked");
        } else {
            List<String> trained = Arrays.stream(augment.split(",")).map(String::strip).toList();
            boolean tencrop = views == TestTimeAugmentation.Views.TEN_CROPS;
            List<String> unseen = (tencrop ? List.of("crop", "flip") : List.of("flip")).stream()
                    .filter(needed -> !trained.contains(needed)).toList();
            if (!unseen.isEmpty()) {
                err.println(command + ": warning: --tta " + tta + " averages " + (tencrop ? "shifted and mirrored" :
                        "mirrored") + " views, but the model was trained without " + String.join(" and ", unseen)
                        + " (--augment " + (augment.isEmpty() ? "none" : augment) + "); unfamiliar views can lower the "
                        + "accuracy");
            }
        }
        err.flush();
    }
}
