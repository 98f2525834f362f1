package fovea.cli.classify;

import fovea.cli.WeightsFiles;
import fovea.data.FashionMnist;
import fovea.io.Checkpoint;
import fovea.io.Safetensors;
import fovea.models.ModelConfig;
import fovea.nn.Module;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --model}, {@code --weights} and {@code --verbose}: a trained model loaded from a model file or a checkpoint,
 * with the input shape, class names, data set and augmentations that {@code fovea train} records in their metadata
 * (Fashion-MNIST's for files without them).
 */
final class WeightsOptions {
    /** Metadata keys fovea train writes beside "model" and "dataset". */
    static final String INPUT_SHAPE = "input_shape";
    static final String CLASSES = "classes";
    static final String DATA = "data";
    static final String AUGMENT = "augment";
    /** The metadata key that marks a checkpoint (core's {@link Checkpoint} writes it). */
    private static final String CHECKPOINT_FORMAT = "fovea.checkpoint";

    @Option(names = "--model", description = {"model name or architecture pattern (default: the one the weights file "
            + "names in its metadata, as fovea train writes it)"})
    String model;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = {"the weights: a run folder's "
            + "model.safetensors, or its checkpoint.safetensors (the model's part of it)"})
    Path weights;

    @Option(names = "--verbose", description = "when the weights do not fit the model, list every tensor that differs")
    boolean verbose;

    /**
     * A model read back: the module (in eval mode), its input and classes, the data spec it was trained on (or null)
     * and its training augmentations as given to fovea train --augment (null when the file does not record them).
     */
    record Loaded(Module module, ModelConfig config, List<String> classes, String data, String augment) {}

    /**
     * The metadata fovea train writes for a model trained on {@code data} of {@code shape} [C, H, W] and {@code classes}
     * with the training augmentations {@code augment} (comma-separated, empty for none).
     */
    static Map<String, String> metadata(String model, String dataset, String data, int[] shape, List<String> classes,
                                        String augment) {
        return new java.util.TreeMap<>(Map.of(WeightsFiles.WRITTEN_BY, "fovea train", "model", model, "dataset", dataset,
                DATA, data, INPUT_SHAPE, shape[0] + "x" + shape[1] + "x" + shape[2], CLASSES, String.join("\n", classes),
                AUGMENT, augment));
    }

    /**
     * The model with the file's weights, from a model file or a checkpoint of fovea train; another command's file, a
     * file that is not there and weights that do not fit are usage errors of one line.
     */
    Loaded load(CommandSpec spec) throws IOException {
        Safetensors.Contents contents = WeightsFiles.read(spec, "--weights", weights);
        Map<String, String> metadata = contents.metadata();
        Map<String, Tensor> tensors = contents.tensors();
        boolean checkpoint = metadata.containsKey(CHECKPOINT_FORMAT);
        if (checkpoint) {
            // read again as a checkpoint, whose parts core knows: the model's tensors are model.KEY
            Checkpoint read = Checkpoint.read(weights);
            if (!read.parts().containsKey("model")) {
                throw new ParameterException(spec.commandLine(), "--weights: " + weights + " is a checkpoint without a "
                        + "model; got the parts " + String.join(", ", read.parts().keySet()));
            }
            metadata = read.extra();
            tensors = read.part("model");
        }
        WeightsFiles.requireWriter(spec, "--weights", weights, metadata, "fovea train");
        String named = metadata.get("model");
        String chosen = model != null ? model : named;
        if (chosen == null) {
            throw new ParameterException(spec.commandLine(), "--model is needed: " + weights + " does not name its model"
                    + " in its metadata (" + (checkpoint ? "older checkpoints of fovea train do not"
                    : "files written by fovea train do") + ")");
        }
        List<String> classes = metadata.containsKey(CLASSES) ? List.of(metadata.get(CLASSES).split("\n", -1))
                : FashionMnist.CLASSES;
        ModelConfig config = config(metadata.get(INPUT_SHAPE), classes.size());
        Module module = ModelChoice.create(spec, chosen, config, new Generator(0));
        WeightsFiles.load(spec, "--weights", weights, module, chosen, tensors, verbose,
                named != null && !named.equals(chosen) ? " (the file names the model " + named + ")" : "");
        module.eval();
        return new Loaded(module, config, classes, metadata.get(DATA), metadata.get(AUGMENT));
    }

    private ModelConfig config(String shape, int classes) throws IOException {
        if (shape == null) return ModelConfig.fashionMnist();
        String[] parts = shape.split("x");
        try {
            int[] dims = Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
            if (dims.length == 3) return new ModelConfig(dims[0], dims[1], dims[2], classes);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IOException(weights + ": bad metadata " + INPUT_SHAPE + "; got " + shape + ", expected CxHxW such as 1x28x28");
    }
}
