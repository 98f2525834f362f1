package fovea.nn;

import fovea.tensor.GradMode;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model's layers with their output shapes and parameter counts, found by running one example through it:
 * the layers of a {@link Sequential} one by one (recursively), any other module as one row.
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
            walk("", model, Tensor.zeros(dims), rows);
        } finally {
            model.train(wasTraining);
        }
        return new Summary(name, Shape.of(exampleDims), List.copyOf(rows), model.parameterCount());
    }

    private static Tensor walk(String prefix, Module module, Tensor x, List<Row> rows) {
        if (module instanceof Sequential sequential) {
            Tensor y = x;
            for (int i = 0; i < sequential.layers().size(); i++) {
                y = walk(prefix.isEmpty() ? Integer.toString(i) : prefix + "." + i, sequential.layers().get(i), y, rows);
            }
            return y;
        }
        Tensor y = module.forward(x);
        rows.add(new Row(prefix.isEmpty() ? "-" : prefix, module.getClass().getSimpleName(), y.shape(), module.parameterCount()));
        return y;
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
