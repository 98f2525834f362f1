package fovea.bench;

import fovea.kernel.Parallel;
import fovea.models.ModelConfig;
import fovea.models.Models;
import fovea.nn.Losses;
import fovea.nn.Module;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Fovea side of model-bench.sh: the median time of one training-mode forward+backward step of a zoo model
 * (cross-entropy loss on random labels, every parameter's gradient), the same step as model_torch.py, printed as
 * JSON. No optimizer step: the target is the network's forward and backward passes.
 *
 * <p>Usage: ModelStep MODEL CHANNELS SIZE CLASSES BATCH THREADS WARMUP ITERATIONS (MODEL: a zoo name or an
 * architecture pattern)
 */
public final class ModelStep {
    private ModelStep() {}

    /** Runs the warm-up steps, then the timed ones, and prints {"seconds": median, "threads": n, "params": p}. */
    public static void main(String[] args) {
        if (args.length != 8) {
            System.err.println("usage: ModelStep MODEL CHANNELS SIZE CLASSES BATCH THREADS WARMUP ITERATIONS");
            System.exit(2);
        }
        int[] a = Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray();
        int channels = a[0], size = a[1], classes = a[2], batch = a[3];
        Parallel.setThreads(a[4]);
        Generator random = new Generator(0);
        ModelConfig config = new ModelConfig(channels, size, size, classes);
        // a zoo name, or an architecture pattern such as CONV3x32-BN-RELU-POOL-FC10
        Module model = args[0].contains("-") ? fovea.models.ArchitecturePattern.parse(args[0], config, random)
                : Models.create(args[0], config, random);
        model.train();
        Tensor x = Tensor.randn(random, batch, channels, size, size);
        float[] labels = new float[batch];
        for (int i = 0; i < batch; i++) labels[i] = random.nextInt(classes);
        Tensor y = Tensor.of(labels, batch);
        double median = StepTimer.medianSeconds(() -> step(model, x, y), a[5], a[6]);
        System.out.printf(Locale.ROOT, "{\"seconds\": %.6f, \"threads\": %d, \"params\": %d}%n", median, a[4],
                model.parameterCount());
    }

    private static void step(Module model, Tensor x, Tensor y) {
        for (Tensor p : model.parameters()) p.zeroGrad();
        Losses.crossEntropy(model.call(x), y).backward();
    }
}
