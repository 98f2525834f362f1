package fovea.cli.bench;

import fovea.kernel.Parallel;
import fovea.kernel.Simd;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fovea bench gemm}: Fovea's SGEMM against OpenBLAS (through numpy) on the same shapes and thread counts,
 * measured in the same run with the two sides' repetitions interleaved, as medians of several timed runs.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure SGEMM: Fovea beside OpenBLAS (numpy's a @ b).",
            "The GFLOPS of each, side by side, with their ratio."})
public final class GemmCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Thread counts to measure; default: 1 and all available processors.")
    private List<Integer> threads;

    @Option(names = "--shapes", split = ",", paramLabel = "NAME", completionCandidates = GemmShape.Names.class,
            description = "Shapes to measure (default: all), C[m x n] = A[m x k] B[k x n]: ${COMPLETION-CANDIDATES}.")
    private List<String> shapes;

    @Option(names = "--json", description = "Print only a JSON array of the measurements on stdout.")
    private boolean json;

    @Option(names = "--repeats", defaultValue = "7", paramLabel = "N",
            description = "Timed repetitions per side and measurement (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PATH",
            description = "The Python whose numpy is the reference (default: ${DEFAULT-VALUE}).")
    private String python;

    @Override public Integer call() {
        List<GemmShape> selected = selectedShapes();
        List<Integer> threadCounts = threadCounts();
        if (repeats < 1) throw new ParameterException(spec.commandLine(), "--repeats must be >= 1; got " + repeats);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<Integer, NumpyGemm> references = startReferences(threadCounts, err);
        GemmTimer timer = new GemmTimer(repeats);
        List<GemmResult> results = new ArrayList<>();
        int savedThreads = Parallel.threads();
        try {
            if (!json) printHeader(out, references);
            for (GemmShape shape : selected) {
                for (int count : threadCounts) {
                    Parallel.setThreads(count);
                    GemmResult result = timer.measure(shape, count, references.get(count), err);
                    if (result.openBlasGflops() == null) references.remove(count);
                    results.add(result);
                    if (!json) out.println(result.tableRow());
                    out.flush();
                }
            }
        } finally {
            Parallel.setThreads(savedThreads);
            references.values().forEach(NumpyGemm::close);
        }
        if (json) out.println(GemmResult.jsonArray(results));
        out.flush();
        return 0;
    }

    private List<GemmShape> selectedShapes() {
        if (shapes == null || shapes.isEmpty()) return GemmShape.ALL;
        List<GemmShape> selected = new ArrayList<>();
        for (String name : shapes) {
            try {
                selected.add(GemmShape.named(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--shapes: " + e.getMessage());
            }
        }
        return selected;
    }

    private List<Integer> threadCounts() {
        if (threads == null || threads.isEmpty()) {
            int all = Runtime.getRuntime().availableProcessors();
            return all == 1 ? List.of(1) : List.of(1, all);
        }
        for (int count : threads) {
            if (count < 1) throw new ParameterException(spec.commandLine(), "--threads: counts must be >= 1; got " + threads);
        }
        return threads.stream().distinct().toList();
    }

    /** One numpy process per thread count (OpenBLAS reads its thread count at start); none if numpy is missing. */
    private Map<Integer, NumpyGemm> startReferences(List<Integer> threadCounts, PrintWriter err) {
        Map<Integer, NumpyGemm> references = new LinkedHashMap<>();
        for (int count : threadCounts) {
            try {
                NumpyGemm reference = NumpyGemm.start(python, count);
                if (references.isEmpty() && !reference.isOpenBlas()) {
                    err.println("fovea bench gemm: warning: " + reference.description() + " is not OpenBLAS; comparing against it anyway");
                }
                references.put(count, reference);
            } catch (IOException e) {
                err.println("fovea bench gemm: no reference (" + e.getMessage() + "); openblas_gflops and ratio are null");
                err.flush();
                references.values().forEach(NumpyGemm::close);
                return new LinkedHashMap<>();
            }
        }
        return references;
    }

    private void printHeader(PrintWriter out, Map<Integer, NumpyGemm> references) {
        String reference = references.isEmpty() ? "no reference" : references.values().iterator().next().description();
        out.printf("SGEMM, GFLOPS: median of %d timed runs after warm-up, Fovea and numpy interleaved%n", repeats);
        out.printf("Java %s, %s; %s%n", Runtime.version(), Simd.describe(), reference);
        out.println(GemmResult.tableHeader());
    }
}
