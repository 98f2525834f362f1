package fovea.cli.classify;

import fovea.data.FashionMnist;
import fovea.io.Safetensors;
import fovea.models.ModelConfig;
import fovea.nn.Module;
import fovea.tensor.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --model} and {@code --weights}: a trained model loaded from a safetensors file, with the input shape, class
 * names and data set that {@code fovea train} records in its metadata (Fashion-MNIST's for files without them).
 */
final class WeightsOptions {
    /** Metadata keys fovea train writes beside "model" and "dataset". */
    static final String INPUT_SHAPE = "input_shape";
    static final String CLASSES = "classes";
    static final String DATA = "data";
    static final String AUGMENT = "augment";

    @Option(names = "--model", description = {"model name or architecture pattern (default: the one the weights file "
            + "names in its metadata, as fovea train writes it)"})
    String model;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "weights as safetensors, e.g. a run folder's model.safetensors")
    Path weights;

    /** A model read back: the module (in eval mode), its input and classes, and the data spec it was trained on (or null). */
    record Loaded(Module module, ModelConfig config, List<String> classes, String data) {}

    /**
     * The metadata fovea train writes for a model trained on {@code data} of {@code shape} [C, H, W] and {@code classes}
     * with the training augmentations {@code augment} (comma-separated, empty for none).
     */
    static Map<String, String> metadata(String model, String dataset, String data, int[] shape, List<String> classes,
                                        String augment) {
        return new java.util.TreeMap<>(Map.of("model", model, "dataset", dataset, DATA, data, INPUT_SHAPE,
                shape[0] + "x" + shape[1] + "x" + shape[2], CLASSES, String.join("\n", classes), AUGMENT, augment));
    }

    /** The model with the file's weights; a mismatch lists every missing, unexpected or misshapen tensor. */
    Loaded load(CommandSpec spec) throws IOException {
        Safetensors.Contents contents = Safetensors.read(weights);
        Map<String, String> metadata = contents.metadata();
        if (model == null) model = metadata.get("model");
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "--model is needed: " + weights
                    + " does not name its model in its metadata (files written by fovea train do)");
        }
        List<String> classes = metadata.containsKey(CLASSES) ? List.of(metadata.get(CLASSES).split("\n", -1))
                : FashionMnist.CLASSES;
        ModelConfig config = config(metadata.get(INPUT_SHAPE), classes.size());
        Module module = ModelChoice.create(spec, model, config, new Generator(0));
        module.loadStateDict(contents.tensors());
        module.eval();
        return new Loaded(module, config, classes, metadata.get(DATA));
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
