package fovea.nn;

import fovea.tensor.GradMode;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model's layers with their output shapes and parameter counts, found by running one example through it
 * ({@link Trace}).
 */
public record Summary(String model, Shape input, List<Row> rows, long params) {
    /** One layer: its dotted name, its type, the output shape (batch of 1) and its parameter count. */
    public record Row(String name, String type, Shape output, long params) {}

    /** Runs a batch of one zero example of shape {@code exampleDims} through {@code model} in eval mode. */
    public static Summary of(String name, Module model, int... exampleDims) {
        int[] dims = new int[exampleDims.length + 1];
        dims[0] = 1;
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length);
        boolean wasTraining = model.isTraining();
        List<Row> rows = new ArrayList<>();
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (Trace.Step step : Trace.run(model, Tensor.zeros(dims))) {
                rows.add(new Row(step.name(), step.module().getClass().getSimpleName(), step.output().shape(),
                        step.module().parameterCount()));
            }
        } finally {
            model.train(wasTraining);
        }
        return new Summary(name, Shape.of(exampleDims), List.copyOf(rows), model.parameterCount());
    }

    /** A table: name, type, output shape, parameters; then the total. */
    @Override public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s, input %s%n%-10s %-14s %-18s %12s%n",
                model, input, "layer", "type", "output", "params"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%-10s %-14s %-18s %,12d%n", row.name(), row.type(), row.output(), row.params()));
        }
        return text.append(String.format(Locale.ROOT, "total parameters: %,d", params)).toString();
    }
}
