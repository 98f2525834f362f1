package fovea.cli.bench;

import java.util.List;
import java.util.stream.Collectors;

/** A named SGEMM problem, C[m x n] = A[m x k] * B[k x n], that {@code fovea bench gemm} measures. */
public record GemmShape(String name, int m, int k, int n, String description) {
    /** The shapes in the order they are measured: square sizes, then deep-learning layers. */
    public static final List<GemmShape> ALL = List.of(
            new GemmShape("sq256", 256, 256, 256, "square"),
            new GemmShape("sq512", 512, 512, 512, "square"),
            new GemmShape("sq1024", 1024, 1024, 1024, "square"),
            new GemmShape("sq2048", 2048, 2048, 2048, "square"),
            new GemmShape("fc784", 64, 784, 512, "Linear(784, 512) forward on a batch of 64"),
            new GemmShape("k64", 512, 64, 784, "that layer's weight gradient, batch 64"),
            new GemmShape("conv288", 64, 288, 50176, "3x3 conv, 32 -> 64 channels, 224x224, im2col"));

    /** The shape with this name, or an exception that lists the legal names. */
    public static GemmShape named(String name) {
        for (GemmShape shape : ALL) {
            if (shape.name.equals(name)) return shape;
        }
        throw new IllegalArgumentException("unknown shape \"" + name + "\"; expected one of " + names());
    }

    /** The legal names, comma-separated. */
    public static String names() {
        return ALL.stream().map(GemmShape::name).collect(Collectors.joining(", "));
    }

    /** The names with their sizes, for the help text. */
    public static final class Names implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return ALL.stream().map(s -> s.name + " (m=" + s.m + " k=" + s.k + " n=" + s.n + ": " + s.description + ")").iterator();
        }
    }

    /** Floating-point operations of one product: a multiply and an add per term. */
    public double flops() {
        return 2.0 * m * k * n;
    }
}
