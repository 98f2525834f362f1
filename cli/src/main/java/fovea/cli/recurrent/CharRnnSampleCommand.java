package fovea.cli.recurrent;

import fovea.cli.Cli;
import fovea.cli.SeedOption;
import fovea.cli.WeightsFiles;
import fovea.data.CharVocabulary;
import fovea.io.Safetensors;
import fovea.nn.recurrent.CharRnn;
import fovea.tensor.Generator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea charrnn sample}: generates text from a model that {@code fovea charrnn train} wrote. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate text from a trained model, one character at a time.",
            "The model is one that fovea charrnn train wrote; each character is drawn from its softmax at --temperature."})
final class CharRnnSampleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "model.safetensors of a charrnn run")
    private Path weights;

    @Option(names = "--length", description = "characters to generate (default: ${DEFAULT-VALUE})", defaultValue = "500")
    private int length;

    @Option(names = "--temperature", description = "softmax temperature: below 1 safer, above 1 wilder (default: ${DEFAULT-VALUE})",
            defaultValue = "1.0")
    private float temperature;

    @Option(names = "--prime", description = "text to start from (default: a newline, or the vocabulary's first character)")
    private String prime;

    @Mixin
    private SeedOption seed;

    @Override public Integer call() throws Exception {
        Cli.atLeast(spec, "--length", length, 0);
        Cli.above(spec, "--temperature", temperature, 0);
        Safetensors.Contents contents = WeightsFiles.read(spec, "--weights", weights);
        Map<String, String> meta = contents.metadata();
        WeightsFiles.requireWriter(spec, "--weights", weights, meta, "fovea charrnn train");
        if (!"charrnn".equals(meta.get("model")) || meta.get("vocabulary") == null) {
            throw new ParameterException(spec.commandLine(), "--weights: " + weights + " is not a charrnn model (its "
                    + "metadata lacks model=charrnn and the vocabulary)");
        }
        CharVocabulary vocabulary = CharVocabulary.fromCharacters(meta.get("vocabulary"));
        CharRnn model = new CharRnn(new CharRnn.Config(vocabulary.size(), Integer.parseInt(meta.get("embedding")),
                meta.get("cell"), Integer.parseInt(meta.get("hidden")), Integer.parseInt(meta.get("layers")), 0f), new Generator(0));
        model.loadStateDict(contents.tensors());
        String start = prime != null ? prime : vocabulary.characters().indexOf('\n') >= 0 ? "\n"
                : vocabulary.characters().substring(0, 1);
        int[] primeClasses;
        try {
            primeClasses = vocabulary.encode(start);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--prime: " + e.getMessage());
        }
        if (primeClasses.length == 0) throw new ParameterException(spec.commandLine(), "--prime must not be empty");
        String text = vocabulary.decode(model.sample(primeClasses, length, temperature, new Generator(seed.value())));
        spec.commandLine().getOut().println((prime != null ? prime : "") + text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
