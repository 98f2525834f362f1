package fovea.cli;

import fovea.io.Safetensors;
import fovea.models.ModelConfig;
import fovea.nn.Module;
import fovea.tensor.Generator;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --weights}: a trained model loaded from a safetensors file. */
final class WeightsOptions {
    @Option(names = "--model", description = {"model name or architecture pattern (default: the one the weights file "
            + "names in its metadata, as fovea train writes it)"})
    String model;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "weights as safetensors, e.g. a run folder's model.safetensors")
    Path weights;

    /** The model with the file's weights; a mismatch lists every missing, unexpected or misshapen tensor. */
    Module load(CommandSpec spec, ModelConfig config) throws IOException {
        Safetensors.Contents contents = Safetensors.read(weights);
        if (model == null) model = contents.metadata().get("model");
        if (model == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--model is needed: " + weights
                    + " does not name its model in its metadata (files written by fovea train do)");
        }
        Module module = Cli.model(spec, model, config, new Generator(0));
        module.loadStateDict(contents.tensors());
        module.eval();
        return module;
    }
}
