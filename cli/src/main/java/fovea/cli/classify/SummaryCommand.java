package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.io.Json;
import fovea.models.ModelConfig;
import fovea.nn.Module;
import fovea.nn.Summary;
import fovea.tensor.Generator;
import fovea.tensor.Shape;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fovea summary MODEL}: layers, output shapes and parameter counts; {@code --json} for scripts. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print a model's layers, shapes, parameters and multiply-adds.",
            "Each layer with its output shape, parameters and multiply-adds; --json prints them for scripts.",
            "MODEL is a name from 'fovea models' or an architecture pattern such as",
            "'[(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10'."})
public final class SummaryCommand implements Runnable {
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
        Module module = ModelChoice.create(spec, model, config, new Generator(0));
        Summary summary = Summary.of(model, module, config.inputDims());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(summary) : summary.toString());
        out.flush();
    }

    private static String toJson(Summary summary) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", summary.model());
        root.put("input", dims(summary.input()));
        root.put("params", summary.params());
        root.put("macs", summary.macs());
        List<Object> layers = new ArrayList<>();
        for (Summary.Row row : summary.rows()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", row.name());
            layer.put("type", row.type());
            layer.put("output", dims(row.output()));
            layer.put("params", row.params());
            layer.put("macs", row.macs());
            layers.add(layer);
        }
        root.put("layers", layers);
        return Json.write(root);
    }

    private static List<Object> dims(Shape shape) {
        List<Object> array = new ArrayList<>();
        for (int d : shape.dims()) array.add(d);
        return array;
    }
}
