package fovea.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One measurement of {@code fovea bench gemm}: a shape at a thread count, Fovea's and OpenBLAS's GFLOPS. */
record GemmResult(GemmShape shape, int threads, double foveaGflops, Double openBlasGflops) {

    /** Fovea's speed over OpenBLAS's, or null without a reference. */
    Double ratio() {
        return openBlasGflops == null ? null : foveaGflops / openBlasGflops;
    }

    static String tableHeader() {
        return String.format(Locale.ROOT, "%-8s %6s %6s %6s %7s %9s %9s %6s",
                "shape", "m", "k", "n", "threads", "fovea", "openblas", "ratio");
    }

    String tableRow() {
        return String.format(Locale.ROOT, "%-8s %6d %6d %6d %7d %9.1f %9s %6s", shape.name(), shape.m(), shape.k(),
                shape.n(), threads, foveaGflops, openBlasGflops == null ? "-" : String.format(Locale.ROOT, "%.1f", openBlasGflops),
                ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio()));
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"shape\": \"%s\", \"m\": %d, \"k\": %d, \"n\": %d, \"threads\": %d, \"fovea_gflops\": %.1f, "
                        + "\"openblas_gflops\": %s, \"ratio\": %s}",
                shape.name(), shape.m(), shape.k(), shape.n(), threads, foveaGflops,
                openBlasGflops == null ? "null" : String.format(Locale.ROOT, "%.1f", openBlasGflops),
                ratio() == null ? "null" : String.format(Locale.ROOT, "%.3f", ratio()));
    }

    static String jsonArray(List<GemmResult> results) {
        if (results.isEmpty()) return "[]";
        return results.stream().map(GemmResult::json).collect(Collectors.joining(",\n  ", "[\n  ", "\n]"));
    }
}
