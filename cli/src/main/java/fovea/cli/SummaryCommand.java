package fovea.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import fovea.models.ModelConfig;
import fovea.nn.Module;
import fovea.nn.Summary;
import fovea.tensor.Generator;
import fovea.tensor.Shape;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fovea summary MODEL}: layers, output shapes and parameter counts; {@code --json} for scripts. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print a model's layers, output shapes, parameters and multiply-adds.",
            "MODEL is a name from 'fovea models' or an architecture pattern such as",
            "'[(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10'."})
final class SummaryCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model name (see 'fovea models') or a pattern")
    private String model;

    @Option(names = "--input", paramLabel = "CxHxW", converter = InputShape.Converter.class,
            description = "input shape of one example (default: ${DEFAULT-VALUE})", defaultValue = "1x28x28")
    private InputShape input;

    @Option(names = "--classes", description = "number of classes (default: ${DEFAULT-VALUE})", defaultValue = "10")
    private int classes;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    private boolean json;

    @Override public void run() {
        Cli.atLeast(spec, "--classes", classes, 2);
        ModelConfig config = input.config(classes);
        Module module = Cli.model(spec, model, config, new Generator(0));
        Summary summary = Summary.of(model, module, config.inputDims());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(summary) : summary.toString());
        out.flush();
    }

    private static String toJson(Summary summary) {
        JsonObject root = new JsonObject();
        root.addProperty("model", summary.model());
        root.add("input", dims(summary.input()));
        root.addProperty("params", summary.params());
        root.addProperty("macs", summary.macs());
        JsonArray layers = new JsonArray();
        for (Summary.Row row : summary.rows()) {
            JsonObject layer = new JsonObject();
            layer.addProperty("name", row.name());
            layer.addProperty("type", row.type());
            layer.add("output", dims(row.output()));
            layer.addProperty("params", row.params());
            layer.addProperty("macs", row.macs());
            layers.add(layer);
        }
        root.add("layers", layers);
        return new GsonBuilder().create().toJson(root);
    }

    private static JsonArray dims(Shape shape) {
        JsonArray array = new JsonArray();
        for (int d : shape.dims()) array.add(d);
        return array;
    }
}
