package fovea.bench;

import fovea.kernel.Binary;
import fovea.kernel.Loops;
import fovea.kernel.Unary;
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

/** The vectorized elementwise and reduction loops against their plain twins (single thread). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dfovea.threads=1"})
public class LoopsBenchmark {
    @Param({"4096", "65536"})
    int n;

    float[] a;
    float[] b;
    float[] out;

    @Setup public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        a = new float[n];
        b = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
    }

    @Benchmark public float[] addVector() {
        Loops.binary(Binary.ADD, a, 0, 1, b, 0, 1, out, 0, n);
        return out;
    }

    @Benchmark public float[] addPlain() {
        Loops.binaryPlain(Binary.ADD, a, 0, 1, b, 0, 1, out, 0, n);
        return out;
    }

    @Benchmark public float[] reluVector() {
        Loops.unary(Unary.RELU, a, 0, out, 0, n);
        return out;
    }

    @Benchmark public float[] reluPlain() {
        Loops.unaryPlain(Unary.RELU, a, 0, out, 0, n);
        return out;
    }

    @Benchmark public float sumVector() {
        return Loops.sum(a, 0, n);
    }

    @Benchmark public double sumPlain() {
        return Loops.sumPlain(a, 0, n);
    }
}
