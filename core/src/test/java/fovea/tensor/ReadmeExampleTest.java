package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's example, as written there, runs and gives sensible numbers. */
class ReadmeExampleTest {
    @Test void readmeExample() {
        var random = new SplittableRandom(0);
        Tensor x = Tensor.randn(random, 64, 784);
        Tensor w = Tensor.randn(random, 784, 10).mul(0.01f).requiresGrad(true);
        Tensor b = Tensor.zeros(10).requiresGrad(true);
        float[] classes = new float[64];
        for (int i = 0; i < classes.length; i++) classes[i] = random.nextInt(10);
        Tensor labels = Tensor.of(classes, 64, 1);

        Tensor scores = x.matmul(w).add(b);
        Tensor loss = scores.logSoftmax(1).gather(1, labels).mean().neg();
        loss.backward();
        assertEquals(Math.log(10), loss.item(), 0.3, "small weights give a loss near ln(C)");
        assertEquals(Shape.of(784, 10), w.grad().shape());
        assertEquals(0f, b.grad().sum().item(), 1e-5f, "softmax gradients sum to zero over classes");
        GradCheck.Report report = GradCheck.check(t -> t[0].tanh().mul(t[1]).sum(), Tensor.randn(random, 3, 4),
                Tensor.randn(random, 4));
        assertTrue(report.passed(), report::toString);
    }
}
