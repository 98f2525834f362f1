package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.cli.Numbers;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.data.DataLoader;
import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.models.LeNet5;
import fovea.models.ModelConfig;
import fovea.nn.Linear;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.optim.Adam;
import fovea.optim.Optimizer;
import fovea.optim.ParamGroup;
import fovea.optim.ParamGroups;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import fovea.train.Classification;
import fovea.train.Loop;
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
import picocli.CommandLine.Spec;

/**
 * {@code fovea transfer}: the course's transfer-learning recipe, measured. LeNet-5 is pretrained on Fashion-MNIST
 * classes 0-4; the task is classes 5-9 from only a few images per class; three strategies are compared with
 * training from scratch: a new head on frozen extracted features, and fine-tuning the fully connected layers at a
 * tenth of the head's learning rate (or {@code --tune-lr}). The table is followed by why the winner won, and the run
 * folder holds results.json.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transfer learning: new classes from a few images, three ways.",
            "Pretrains LeNet-5 on Fashion-MNIST's classes 0-4, then learns classes 5-9 from a few images per class by (1) training "
                + "from scratch, (2) a new head on extracted features, (3) fine-tuning the last layers with a lower "
                + "learning rate (--tune-lr); prints each strategy's test accuracy and why the winner won, and writes "
                + "results.json to the run folder. With a few hundred target images and fine-tuning at the head's rate "
                + "(--per-class 50 --tune-lr 0.001) transfer wins."})
public final class TransferCommand implements Callable<Integer> {
    /** Test accuracies closer than this are a tie: about one standard error on the 5000 target test images. */
    private static final double TIE = 0.005;
    private static final int BATCH_SIZE = 32;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--per-class", description = "training images per target class (default: ${DEFAULT-VALUE})", defaultValue = "100")
    private int perClass;

    @Option(names = "--pretrain-epochs", description = "epochs on classes 0-4 (default: ${DEFAULT-VALUE})", defaultValue = "3")
    private int pretrainEpochs;

    @Option(names = "--epochs", description = "epochs on the target images (default: ${DEFAULT-VALUE})", defaultValue = "30")
    private int epochs;

    @Option(names = "--lr", description = "learning rate of new layers (default: ${DEFAULT-VALUE})", defaultValue = "0.001")
    private float lr;

    @Option(names = "--tune-lr", paramLabel = "LR", description = "learning rate of the pretrained FC layers when fine-tuning "
            + "(default: lr / 10, the usual recipe)")
    private Float tuneLr;

    @Mixin
    private SeedOption seed;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("transfer");

    private static final ModelConfig FIVE_CLASSES = new ModelConfig(1, 28, 28, 5);

    @Override public Integer call() throws Exception {
        Cli.atLeast(spec, "--per-class", perClass, 1);
        Cli.atLeast(spec, "--pretrain-epochs", pretrainEpochs, 1);
        Cli.atLeast(spec, "--epochs", epochs, 1);
        Cli.atLeast(spec, "--lr", lr, 0);   // Adam's lower bound: 0 is allowed, as in PyTorch
        if (tuneLr != null) Cli.atLeast(spec, "--tune-lr", tuneLr, 0);
        float tuningRate = tuneLr != null ? tuneLr : lr / 10;
        long start = System.nanoTime();
        PrintWriter console = spec.commandLine().getOut();
        FashionMnist.Found found = data.find();
        console.println(found.message());
        TensorDataset train = FashionMnist.readTraining(found.folder());
        TensorDataset test = FashionMnist.readTest(found.folder());
        TensorDataset source = classes(train, 0, Integer.MAX_VALUE);
        TensorDataset sourceTest = classes(test, 0, Integer.MAX_VALUE);
        TensorDataset target = classes(train, 5, perClass);
        TensorDataset targetTest = classes(test, 5, Integer.MAX_VALUE);
        console.printf(Locale.ROOT, "source: %d images of classes 0-4 (%s); target: %d images of classes 5-9 (%s), %d per class, "
                + "tested on %d%n", source.size(), names(0), target.size(), names(5), perClass, targetTest.size());
        console.printf(Locale.ROOT, "pretraining LeNet-5 on the source images for %s ...%n", Numbers.count(pretrainEpochs, "epoch"));
        console.flush();

        Module pretrained = new LeNet5(FIVE_CLASSES, new Generator(seed.value()));
        train(pretrained, new Adam(pretrained.parameters(), Adam.Config.defaults().withLr(lr)), source, pretrainEpochs);
        double sourceAccuracy = accuracy(pretrained, sourceTest);
        console.printf(Locale.ROOT, "pretrained on classes 0-4: test accuracy %.4f%n", sourceAccuracy);
        console.flush();

        Module scratch = new LeNet5(FIVE_CLASSES, new Generator(seed.value() + 1));
        train(scratch, new Adam(scratch.parameters(), Adam.Config.defaults().withLr(lr)), target, epochs);
        double fromScratch = accuracy(scratch, targetTest);

        Module extractor = copy(pretrained);
        extractor.replace("classifier.5", new Linear(84, 5, new Generator(seed.value() + 2)));
        extractor.freeze();
        extractor.freeze("classifier\\.5\\..*", false);
        train(extractor, new Adam(extractor.trainableParameters(), Adam.Config.defaults().withLr(lr)), target, epochs);
        double features = accuracy(extractor, targetTest);

        Module tuned = copy(pretrained);
        tuned.replace("classifier.5", new Linear(84, 5, new Generator(seed.value() + 2)));
        tuned.freeze("features\\..*", true);
        List<Tensor> head = List.of(tuned.stateDict().get("classifier.5.weight"), tuned.stateDict().get("classifier.5.bias"));
        List<Tensor> last = new ArrayList<>(tuned.trainableParameters());
        last.removeAll(head);
        // one optimizer, two parameter groups: the new head at lr, the pretrained FC layers at the tuning rate
        train(tuned, new Adam(ParamGroups.of(ParamGroup.of(head), ParamGroup.of(last).withLr(tuningRate)),
                Adam.Config.defaults().withLr(lr)), target, epochs);
        double fineTuned = accuracy(tuned, targetTest);

        String tuning = tuneLr == null ? "fine-tune the FC layers at lr/10, new head at lr"
                : "fine-tune the FC layers at " + Numbers.of(tuningRate) + ", new head at " + Numbers.of(lr);
        String header = String.format(Locale.ROOT, "classes 5-9 from %d images (%d per class), %s", target.size(), perClass,
                Numbers.count(epochs, "epoch"));
        List<String> strategies = List.of("from scratch", "new head on frozen pretrained features", tuning);
        double[] accuracies = {fromScratch, features, fineTuned};
        int width = Math.max(header.length() - 2, strategies.stream().mapToInt(String::length).max().orElse(0));
        console.printf(Locale.ROOT, "%n%-" + (width + 2) + "s  test accuracy%n", header);
        for (int i = 0; i < strategies.size(); i++) {
            console.printf(Locale.ROOT, "  %-" + width + "s  %13.4f%n", strategies.get(i), accuracies[i]);
        }
        console.println();
        console.println(verdict(target.size(), fromScratch, features, fineTuned, tuningRate));

        RunFolder folder = writeResults(found, source.size(), sourceTest.size(), target.size(), targetTest.size(), tuningRate,
                sourceAccuracy, accuracies, (System.nanoTime() - start) / 1e9);
        console.printf("run folder: %s%n", folder.path());
        console.flush();
        return 0;
    }

    /**
     * What the table shows, for people: when training from scratch wins or ties, why (the far transfer from clothes
     * to shoes and bags, a target set large enough to learn from, a tuning rate too low to move the pretrained
     * layers); when transfer wins, by how much.
     */
    private String verdict(int targetSize, double fromScratch, double features, double fineTuned, float tuningRate) {
        double transfer = Math.max(features, fineTuned);
        String best = fineTuned >= features ? "fine-tuning" : "the new head on frozen features";
        if (transfer > fromScratch + TIE) {
            return wrap(String.format(Locale.ROOT, "Transfer wins: %s beats training from scratch by %.4f with %d target images; "
                    + "the pretrained layers are a better start than random ones when the target set is small.", best,
                    transfer - fromScratch, targetSize));
        }
        List<String> why = new ArrayList<>();
        why.add(String.format(Locale.ROOT, "Training from scratch %s here. Clothes (classes 0-4) to shoes and bags (5-9) is a "
                + "far transfer: features learnt to tell a pullover from a coat separate sandals, sneakers and bags poorly, so "
                + "a new head on them, frozen, reaches only %.4f.", fromScratch > transfer + TIE ? "wins"
                : "does as well as transfer", features));
        if (targetSize >= 2000) {
            why.add(String.format(Locale.ROOT, "With %,d target images training from scratch catches up anyway: transfer pays "
                    + "off when the target set is small (try --per-class 50).", targetSize));
        }
        if (tuningRate < lr) {
            why.add(String.format(Locale.ROOT, "Fine-tuning at %s moves the pretrained layers too little to cross that gap; at "
                    + "the head's rate (--tune-lr %s) and with a few hundred images (--per-class 50) fine-tuning beats "
                    + "training from scratch.", tuneLr == null ? "lr/10" : Numbers.of(tuningRate), Numbers.of(lr)));
        }
        return why.stream().map(TransferCommand::wrap).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** {@code text} broken at spaces into lines of at most 100 characters. */
    private static String wrap(String text) {
        StringBuilder lines = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" ")) {
            if (lines.length() > lineStart && lines.length() - lineStart + 1 + word.length() > 100) {
                lines.append('\n');
                lineStart = lines.length();
            } else if (lines.length() > lineStart) {
                lines.append(' ');
            }
            lines.append(word);
        }
        return lines.toString();
    }

    /** The run folder with results.json: sizes, options, seed and the accuracies of the table. */
    private RunFolder writeResults(FashionMnist.Found found, int sourceSize, int sourceTestSize, int targetSize, int targetTestSize,
                          float tuningRate, double sourceAccuracy, double[] accuracies, double seconds) throws java.io.IOException {
        RunFolder folder = out.create("transfer");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("dataset", found.source() == FashionMnist.Source.SAMPLE ? "fashion-mnist-sample" : "fashion-mnist");
        results.put("model", "lenet5");
        results.put("source_classes", FashionMnist.CLASSES.subList(0, 5));
        results.put("target_classes", FashionMnist.CLASSES.subList(5, 10));
        results.put("source_size", sourceSize);
        results.put("source_test_size", sourceTestSize);
        results.put("target_size", targetSize);
        results.put("per_class", perClass);
        results.put("target_test_size", targetTestSize);
        results.put("pretrain_epochs", pretrainEpochs);
        results.put("epochs", epochs);
        results.put("batch_size", BATCH_SIZE);
        results.put("optimizer", "adam");
        results.put("lr", lr);
        results.put("tune_lr", tuningRate);
        results.put("seed", seed.value());
        results.put("pretrained_test_accuracy", sourceAccuracy);
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("scratch", accuracies[0]);
        accuracy.put("frozen_features", accuracies[1]);
        accuracy.put("fine_tune", accuracies[2]);
        results.put("test_accuracy", accuracy);
        results.put("seconds", seconds);
        folder.writeResults(results);
        return folder;
    }

    /** The names of the five classes from {@code first}, comma-separated, lower case. */
    private static String names(int first) {
        return String.join(", ", FashionMnist.CLASSES.subList(first, first + 5)).toLowerCase(Locale.ROOT);
    }

    /** The images whose labels are in [first, first + 5), relabelled from 0, at most {@code limit} per class. */
    private static TensorDataset classes(TensorDataset data, int first, int limit) {
        float[] labels = data.labels().toArray();
        int[] taken = new int[5];
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            int c = (int) labels[i] - first;
            if (c >= 0 && c < 5 && taken[c] < limit) {
                taken[c]++;
                picked.add(i);
            }
        }
        float[] index = new float[picked.size()];
        float[] relabelled = new float[picked.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = picked.get(i);
            relabelled[i] = labels[picked.get(i)] - first;
        }
        Tensor features = data.features().indexSelect(0, Tensor.of(index));
        return new TensorDataset(features, Tensor.of(relabelled));
    }

    private static Module copy(Module pretrained) {
        Module copy = new LeNet5(FIVE_CLASSES, new Generator(0));
        copy.loadStateDict(pretrained.stateDict());
        return copy;
    }

    /** Trains on the one loop, as {@code fovea train} does: the classification task, no validation. */
    private void train(Module model, Optimizer optimizer, TensorDataset data, int epochs) {
        Classification task = new Classification(model, optimizer, Losses::crossEntropy, new Generator(seed.value()));
        new Loop<>(task, epochs).fit(DataLoader.of(data, DataLoader.Config.training(BATCH_SIZE, seed.value())), null);
    }

    private static double accuracy(Module model, TensorDataset data) {
        return Classification.evaluation(model, Losses::crossEntropy, DataLoader.of(data, DataLoader.Config.evaluation(500)),
                model::call).accuracy();
    }
}
