package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.cli.DataOptions;
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
import java.util.List;
import java.util.Locale;
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
 * tenth of the head's learning rate.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transfer learning: new classes from a few images, three ways.",
            "Pretrains LeNet-5 on Fashion-MNIST's classes 0-4, then learns classes 5-9 from a few images per class by (1) training "
                + "from scratch, (2) a new head on extracted features, (3) fine-tuning the last layers with a lower "
                + "learning rate; prints each strategy's test accuracy."})
public final class TransferCommand implements Callable<Integer> {
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

    @Mixin
    private SeedOption seed;

    private static final ModelConfig FIVE_CLASSES = new ModelConfig(1, 28, 28, 5);

    @Override public Integer call() throws Exception {
        Cli.atLeast(spec, "--per-class", perClass, 1);
        Cli.atLeast(spec, "--pretrain-epochs", pretrainEpochs, 1);
        Cli.atLeast(spec, "--epochs", epochs, 1);
        Cli.atLeast(spec, "--lr", lr, 0);   // Adam's lower bound: 0 is allowed, as in PyTorch
        PrintWriter out = spec.commandLine().getOut();
        FashionMnist.Found found = data.find();
        out.println(found.message());
        TensorDataset train = FashionMnist.readTraining(found.folder());
        TensorDataset test = FashionMnist.readTest(found.folder());
        TensorDataset source = classes(train, 0, Integer.MAX_VALUE);
        TensorDataset target = classes(train, 5, perClass);
        TensorDataset targetTest = classes(test, 5, Integer.MAX_VALUE);
        out.printf(Locale.ROOT, "source: %d images of classes 0-4; target: %d images of classes 5-9 (%d per class), "
                + "tested on %d%n", source.size(), target.size(), perClass, targetTest.size());

        Module pretrained = new LeNet5(FIVE_CLASSES, new Generator(seed.value()));
        train(pretrained, new Adam(pretrained.parameters(), Adam.Config.defaults().withLr(lr)), source, pretrainEpochs);
        out.printf(Locale.ROOT, "pretrained on classes 0-4: test accuracy %.4f%n", accuracy(pretrained, classes(test, 0, Integer.MAX_VALUE)));

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
        // one optimizer, two parameter groups: the new head at lr, the pretrained FC layers at lr / 10
        train(tuned, new Adam(ParamGroups.of(ParamGroup.of(head), ParamGroup.of(last).withLr(lr / 10)),
                Adam.Config.defaults().withLr(lr)), target, epochs);
        double fineTuned = accuracy(tuned, targetTest);

        out.printf(Locale.ROOT, "%nstrategy on classes 5-9 (%d images per class, %d epochs)    test accuracy%n", perClass, epochs);
        out.printf(Locale.ROOT, "  from scratch                                          %.4f%n", fromScratch);
        out.printf(Locale.ROOT, "  new head on frozen pretrained features                %.4f%n", features);
        out.printf(Locale.ROOT, "  fine-tune the FC layers at lr/10, new head at lr      %.4f%n", fineTuned);
        out.flush();
        return 0;
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
        new Loop<>(task, epochs).fit(DataLoader.of(data, DataLoader.Config.training(32, seed.value())), null);
    }

    private static double accuracy(Module model, TensorDataset data) {
        return Classification.evaluation(model, Losses::crossEntropy, DataLoader.of(data, DataLoader.Config.evaluation(500)),
                model::call).accuracy();
    }
}
