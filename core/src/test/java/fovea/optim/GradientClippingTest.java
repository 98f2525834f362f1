package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clip_grad_norm_ and clip_grad_value_ semantics, with gradients made by backward. */
class GradientClippingTest {
    /** Two parameters whose gradients are {@code g1} and {@code g2}, via backward of sum(p * g). */
    private static List<Tensor> withGradients(float[] g1, float[] g2) {
        Tensor p1 = Tensor.zeros(g1.length).requiresGrad(true);
        Tensor p2 = Tensor.zeros(g2.length).requiresGrad(true);
        p1.mul(Tensor.of(g1)).sum().add(p2.mul(Tensor.of(g2)).sum()).backward();
        return List.of(p1, p2);
    }

    @Test void globalNormScalesAllGradientsTogether() {
        List<Tensor> params = withGradients(new float[] {3, 0}, new float[] {0, 0, 4});    // norm 5
        float norm = GradientClipping.clipByGlobalNorm(params, 1f);
        assertEquals(5f, norm);
        float scale = 1f / (5f + 1e-6f);            // PyTorch's eps
        assertArrayEquals(new float[] {3 * scale, 0}, params.get(0).grad().toArray(), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 4 * scale}, params.get(1).grad().toArray(), 1e-7f);
    }

    @Test void globalNormBelowTheLimitChangesNothing() {
        List<Tensor> params = withGradients(new float[] {0.3f}, new float[] {0.4f});
        assertEquals(0.5f, GradientClipping.clipByGlobalNorm(params, 1f), 1e-7f);
        assertArrayEquals(new float[] {0.3f}, params.get(0).grad().toArray());
        assertArrayEquals(new float[] {0.4f}, params.get(1).grad().toArray());
    }

    @Test void parametersWithoutGradientAreSkipped() {
        Tensor unused = Tensor.zeros(2).requiresGrad(true);
        List<Tensor> params = withGradients(new float[] {6}, new float[] {8});
        assertEquals(10f, GradientClipping.clipByGlobalNorm(List.of(params.get(0), unused, params.get(1)), 5f));
        assertNull(unused.grad());
        assertEquals(3f, params.get(0).grad().item(), 1e-5f);
        GradientClipping.clipByValue(List.of(unused), 1f);
        assertNull(unused.grad());
    }

    @Test void valueClippingClampsEachElement() {
        List<Tensor> params = withGradients(new float[] {-3, 0.5f}, new float[] {2, -0.1f});
        GradientClipping.clipByValue(params, 1f);
        assertArrayEquals(new float[] {-1, 0.5f}, params.get(0).grad().toArray());
        assertArrayEquals(new float[] {1, -0.1f}, params.get(1).grad().toArray());
    }

    @Test void argumentsAreChecked() {
        List<Tensor> params = withGradients(new float[] {1}, new float[] {1});
        assertEquals("clipByGlobalNorm: maxNorm must be a finite number > 0; got 0.0", assertThrows(
                IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(params, 0f)).getMessage());
        assertEquals("clipByValue: clipValue must be a finite number > 0; got -1.0", assertThrows(
                IllegalArgumentException.class, () -> GradientClipping.clipByValue(params, -1f)).getMessage());
    }
}
