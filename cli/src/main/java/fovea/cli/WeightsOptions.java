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
    @Option(names = "--model", description = "model name, see 'fovea models' (default: ${DEFAULT-VALUE})", defaultValue = "mlp")
    String model;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "weights as safetensors, e.g. a run folder's model.safetensors")
    Path weights;

    /** The model with the file's weights; a mismatch lists every missing, unexpected or misshapen tensor. */
    Module load(CommandSpec spec, ModelConfig config) throws IOException {
        Module module = Cli.model(spec, model, config, new Generator(0));
        module.loadStateDict(Safetensors.read(weights).tensors());
        module.eval();
        return module;
    }
}
