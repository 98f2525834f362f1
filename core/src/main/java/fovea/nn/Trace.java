package fovea.nn;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A forward pass that records every leaf layer's output (a module without children), in call order, under its
 * dotted name: what the summary and the training diagnostics read. Layers are seen through {@link Module#call},
 * which every container uses.
 */
public final class Trace {
    /** One layer's dotted name, the module, its input and its output. */
    public record Step(String name, Module module, Tensor input, Tensor output) {}

    private Trace() {}

    /** Runs {@code x} through {@code model}, recording each leaf layer's call in order. */
    public static List<Step> run(Module model, Tensor x) {
        List<Step> steps = new ArrayList<>();
        record(model, x, steps);
        return steps;
    }

    /** The first recorded step that satisfies {@code test}, or null if none did. */
    public static Step firstWhere(Module model, Tensor x, Predicate<Step> test) {
        for (Step step : run(model, x)) if (test.test(step)) return step;
        return null;
    }

    private static void record(Module model, Tensor x, List<Step> steps) {
        Map<Module, String> names = model.namedModules();
        Module.observe((module, input, output) -> {
            if (module.children().isEmpty()) {
                String name = names.getOrDefault(module, module.getClass().getSimpleName());
                steps.add(new Step(name.isEmpty() ? "-" : name, module, input, output));
            }
        }, () -> model.call(x));
    }
}
