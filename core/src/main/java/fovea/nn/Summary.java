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
public record Summary(String model, Shape input, List<Row> rows, long params, long macs) {
    /** One layer: its dotted name, its type, the output shape (batch of 1), parameters and multiply-adds. */
    public record Row(String name, String type, Shape output, long params, long macs) {}

    /** Runs a batch of one zero example of shape {@code exampleDims} through {@code model} in eval mode. */
    public static Summary of(String name, Module model, int... exampleDims) {
        int[] dims = new int[exampleDims.length + 1];
        dims[0] = 1;
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length);
        List<Row> rows = new ArrayList<>();
        model.inEvalMode(() -> {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                for (Trace.Step step : Trace.run(model, Tensor.zeros(dims))) {
                    rows.add(new Row(step.name(), step.module().getClass().getSimpleName(), step.output().shape(),
                            step.module().parameterCount(), macs(step)));
                }
            }
            return rows;
        });
        long macs = rows.stream().mapToLong(Row::macs).sum();
        return new Summary(name, Shape.of(exampleDims), List.copyOf(rows), model.parameterCount(), macs);
    }

    /**
     * Multiply-adds of one example through a layer with a weight of rank >= 2: each output value of a linear or
     * convolution layer costs one multiply-add per weight of its output unit (weight.numel / weight.size(0));
     * a transposed convolution spreads each input value over that many outputs instead. Other layers count 0.
     */
    private static long macs(Trace.Step step) {
        Tensor weight = step.module().stateDict().get("weight");
        if (weight == null || weight.rank() < 2) return 0;
        long perUnit = weight.numel() / weight.size(0);
        boolean transposed = step.module().getClass().getSimpleName().startsWith("ConvTranspose");
        return (transposed ? step.input().numel() : step.output().numel()) * perUnit;
    }

    /** A table: name, type, output shape, parameters; then the total. */
    @Override public String toString() {
        int width = Math.max(10, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s, input %s%n%-" + width + "s %-18s %-20s %13s %16s%n",
                model, input, "layer", "type", "output", "params", "mult-adds"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s %-18s %-20s %,13d %,16d%n", row.name(), row.type(),
                    row.output(), row.params(), row.macs()));
        }
        return text.append(String.format(Locale.ROOT, "total parameters: %,d; multiply-adds per example: %,d", params, macs))
                .toString();
    }
}
