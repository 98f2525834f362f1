package fovea.bench;

import fovea.nn.Functional;
import fovea.tensor.Images;
import fovea.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Max pooling and batch norm, forward and backward, on a [64, 64, 28, 28] batch (all threads); the composed
 * batch norm beside the fused one. PyTorch's side: bench/scripts/images_torch.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ImagesBenchmark {
    Tensor x;
    Tensor weight;
    Tensor bias;
    Tensor runningMean;
    Tensor runningVar;
    Tensor pooledSeed;
    Tensor seed;

    @Setup public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        x = Tensor.randn(random, 64, 64, 28, 28).requiresGrad(true);
        weight = Tensor.ones(64).requiresGrad(true);
        bias = Tensor.zeros(64).requiresGrad(true);
        runningMean = Tensor.zeros(64);
        runningVar = Tensor.ones(64);
        pooledSeed = Tensor.ones(64, 64, 14, 14);
        seed = Tensor.ones(64, 64, 28, 28);
    }

    @Benchmark public Tensor maxPool2dForward() {
        return Images.maxPool2d(x.detach(), 2);
    }

    @Benchmark public Tensor maxPool2dForwardBackward() {
        x.zeroGrad();
        Images.maxPool2d(x, 2).backward(pooledSeed);
        return x.grad();
    }

    @Benchmark public Tensor batchNorm2dForward() {
        return Images.batchNorm2d(x.detach(), weight, bias, runningMean, runningVar, true, 0.1f, 1e-5f);
    }

    @Benchmark public Tensor batchNorm2dForwardBackward() {
        x.zeroGrad();
        weight.zeroGrad();
        bias.zeroGrad();
        Images.batchNorm2d(x, weight, bias, runningMean, runningVar, true, 0.1f, 1e-5f).backward(seed);
        return x.grad();
    }

    @Benchmark public Tensor batchNormComposedForwardBackward() {
        x.zeroGrad();
        weight.zeroGrad();
        bias.zeroGrad();
        Functional.batchNorm(x, weight, bias, runningMean, runningVar, true, 0.1f, 1e-5f).backward(seed);
        return x.grad();
    }
}
