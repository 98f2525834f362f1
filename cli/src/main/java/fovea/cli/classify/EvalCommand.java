package fovea.cli.classify;

import fovea.cli.DataOptions;
import fovea.data.Batch;
import fovea.data.DataLoader;
import fovea.data.DataSets;
import fovea.data.TensorDataset;
import fovea.data.TestTimeAugmentation;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.train.Classification;
import fovea.train.Evaluation;
import fovea.train.Metrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea eval}: test-set metrics of saved weights: accuracy, loss, top-5, per-class accuracy, confusion matrix. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate saved weights on the Fashion-MNIST test set.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WeightsOptions weights;

    @Mixin
    private DataOptions data;

    @Option(names = "--tta", description = {"test-time augmentation: none (default), flips (each image "
            + "and its mirror) or tencrop (AlexNet's ten crops: the four corners, the centre and their mirrors, cut from "
            + "the image padded by 2, as --augment crop trains); the class probabilities are averaged over the views"},
            defaultValue = "none")
    private String tta;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // the option before the weights and the data are read
        TestTimeAugmentation.Views views = switch (tta.toLowerCase(Locale.ROOT)) {
            case "none" -> null;
            case "flips" -> TestTimeAugmentation.Views.FLIPS;
            case "tencrop", "tencrops", "ten-crop" -> TestTimeAugmentation.Views.TEN_CROPS;
            default -> throw new ParameterException(spec.commandLine(), "unknown --tta '" + tta
                    + "'; expected none, flips or tencrop");
        };
        WeightsOptions.Loaded loaded = weights.load(spec);
        Module model = loaded.module();
        // the data set the weights were trained on, unless --data names another
        DataSets.Data read = data.open(spec, loaded.data(), loaded.config().height(), 0);
        out.println(read.description());
        TensorDataset test = read.test();
        DataLoader<Batch> loader = DataLoader.of(test, DataLoader.Config.evaluation(views == null ? 256 : 64));
        Evaluation evaluation = Classification.evaluation(model, Losses::crossEntropy, loader,
                views == null ? model::call : TestTimeAugmentation.averaged(model::call, views));
        if (views != null) out.printf("test-time augmentation: %d views per image, probabilities averaged%n", views.count());
        int k = Math.min(5, loaded.classes().size());
        out.printf(Locale.ROOT, "test images %d%naccuracy %.4f%ntop-%d accuracy %.4f%nloss %.4f%n%n",
                test.size(), evaluation.accuracy(), k, evaluation.topK(k), evaluation.loss());
        long[][] confusion = evaluation.confusionMatrix();
        double[] perClass = Metrics.perClassAccuracy(confusion);
        out.printf("%-12s %8s   confusion (rows: true class, columns: predicted)%n", "class", "accuracy");
        for (int c = 0; c < confusion.length; c++) {
            StringBuilder row = new StringBuilder();
            for (long count : confusion[c]) row.append(String.format(Locale.ROOT, "%5d", count));
            out.printf(Locale.ROOT, "%-12s %8.4f  %s%n", loaded.classes().get(c), perClass[c], row);
        }
        out.flush();
        return 0;
    }
}
