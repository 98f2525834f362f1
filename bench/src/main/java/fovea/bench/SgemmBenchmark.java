package fovea.bench;

import fovea.kernel.Parallel;
import fovea.kernel.Sgemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM time per call on the shapes of {@code fovea bench gemm} (m x k times k x n, row-major, beta = 0);
 * GFLOPS = 2mkn / time. Run with {@code java -jar bench/target/benchmarks.jar SgemmBenchmark}, or
 * {@code -p shape=sq512 -p threads=1} to pick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {
    /** Shape name, m x k x n: the square sizes and the deep-learning shapes of {@code fovea bench gemm}. */
    @Param({"sq256", "sq512", "sq1024", "fc784", "k64", "conv288"})
    public String shape;

    /** Threads Sgemm may use. */
    @Param({"1", "2"})
    public int threads;

    private int m, k, n;
    private float[] a, b, c;

    @Setup
    public void setUp() {
        int[] size = switch (shape) {
            case "sq256" -> new int[] {256, 256, 256};
            case "sq512" -> new int[] {512, 512, 512};
            case "sq1024" -> new int[] {1024, 1024, 1024};
            case "sq2048" -> new int[] {2048, 2048, 2048};
            case "fc784" -> new int[] {64, 784, 512};
            case "k64" -> new int[] {512, 64, 784};
            case "conv288" -> new int[] {64, 288, 50176};
            default -> throw new IllegalArgumentException("SgemmBenchmark: unknown shape " + shape
                    + "; expected one of sq256, sq512, sq1024, sq2048, fc784, k64, conv288");
        };
        m = size[0];
        k = size[1];
        n = size[2];
        SplittableRandom random = new SplittableRandom(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble();
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble();
        Parallel.setThreads(threads);
    }

    /** C = A B on the blocked, packed, vectorized path. */
    @Benchmark
    public float[] sgemm() {
        Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
