package fovea.nn;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A forward pass that keeps every leaf layer's output: the layers of a {@link Sequential} one by one
 * (recursively), any other module as one step. Used by the summary and the training diagnostics.
 */
public final class Trace {
    /** One layer's dotted name, the module, and its output. */
    public record Step(String name, Module module, Tensor output) {}

    private Trace() {}

    /** Runs {@code x} through {@code model}, recording each layer's output in order. */
    public static List<Step> run(Module model, Tensor x) {
        List<Step> steps = new ArrayList<>();
        walk("", model, x, steps, step -> false);
        return steps;
    }

    /** Runs until a layer's output satisfies {@code stop}; returns that step, or null if none did. */
    public static Step firstWhere(Module model, Tensor x, Predicate<Step> stop) {
        List<Step> steps = new ArrayList<>();
        walk("", model, x, steps, stop);
        return steps.isEmpty() || !stop.test(steps.get(steps.size() - 1)) ? null : steps.get(steps.size() - 1);
    }

    private static Tensor walk(String name, Module module, Tensor x, List<Step> steps, Predicate<Step> stop) {
        if (module instanceof Sequential sequential) {
            Tensor y = x;
            List<String> names = sequential.names();
            for (int i = 0; i < names.size() && y != null; i++) {
                String child = names.get(i);
                y = walk(name.isEmpty() ? child : name + "." + child, sequential.layers().get(i), y, steps, stop);
            }
            return y;
        }
        Step step = new Step(name.isEmpty() ? "-" : name, module, module.forward(x));
        steps.add(step);
        return stop.test(step) ? null : step.output();
    }
}
