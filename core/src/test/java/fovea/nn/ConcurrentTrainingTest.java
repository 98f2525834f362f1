package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import fovea.kernel.Parallel;
import fovea.kernel.ThreadPool;
import fovea.optim.Sgd;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two trainings in one JVM, each on its own thread with its own pool (as two tasks of a Spark executor), run side
 * by side and give, loss for loss, what each gives alone on the default pool with the same thread count.
 */
class ConcurrentTrainingTest {
    private static final int STEPS = 6;

    /** The losses of a small CNN trained by SGD for a few steps on fixed random images. */
    private static float[] train(long seed) {
        Generator random = new Generator(seed);
        Module model = new Sequential(new Conv2d(3, 16, 3, 1, 1, random), new Relu(), new Flatten(),
                new Linear(16 * 12 * 12, 10, random));
        Sgd sgd = new Sgd(model.parameters(), Sgd.Config.defaults().withLr(0.05f));
        Tensor images = Tensor.randn(random, 32, 3, 12, 12);
        float[] labels = new float[32];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        Tensor targets = Tensor.of(labels, 32);
        float[] losses = new float[STEPS];
        for (int step = 0; step < STEPS; step++) {
            sgd.zeroGrad();
            Tensor loss = Losses.crossEntropy(model.forward(images), targets);
            loss.backward();
            sgd.step();
            losses[step] = loss.item();
        }
        return losses;
    }

    @Test void twoTrainingsWithTheirOwnPoolsMatchEachAlone() throws Exception {
        int previous = Parallel.threads();
        try {
            Parallel.setThreads(2);
            float[] twoThreads = train(1);
            Parallel.setThreads(1);
            float[] oneThread = train(2);
            Parallel.setThreads(3);                     // a training that fell back on the default would split by 3
            CyclicBarrier start = new CyclicBarrier(2);
            try (ThreadPool two = Parallel.create(2); ThreadPool one = Parallel.create(1)) {
                FutureTask<float[]> first = onNewThread(two, start, 1);
                FutureTask<float[]> second = onNewThread(one, start, 2);
                assertArrayEquals(twoThreads, first.get(60, TimeUnit.SECONDS), "the training on the 2-thread pool");
                assertArrayEquals(oneThread, second.get(60, TimeUnit.SECONDS), "the training on the 1-thread pool");
            }
        } finally {
            Parallel.setThreads(previous);
        }
    }

    private static FutureTask<float[]> onNewThread(ThreadPool pool, CyclicBarrier start, long seed) {
        FutureTask<float[]> task = new FutureTask<>(() -> {
            try (ThreadPool.Scope ignored = pool.activate()) {
                start.await(60, TimeUnit.SECONDS);
                return train(seed);
            }
        });
        Thread thread = new Thread(task, "training-" + seed);
        thread.setDaemon(true);
        thread.start();
        return task;
    }
}
