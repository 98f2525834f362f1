package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every op's derivative against finite differences, and GradCheck itself catching a planted wrong derivative. */
class GradCheckTest {
    private final SplittableRandom random = new SplittableRandom(42);

    private Tensor randn(int... dims) {
        return Tensor.randn(random, dims);
    }

    /** Values at least 0.1 away from 0, for ops with a kink there (relu, abs, leaky relu, elu). */
    private Tensor awayFromZero(int... dims) {
        Tensor t = randn(dims);
        return t.add(t.gt(0f).mul(0.2f).sub(0.1f));
    }

    private Tensor positive(int... dims) {
        return Tensor.rand(random, dims).add(0.5f);
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, inputs);
        assertTrue(report.passed(), report::toString);
        assertTrue(report.checked() > 0);
    }

    @Test void arithmeticWithBroadcasting() {
        assertPasses(t -> t[0].add(t[1]), randn(2, 3, 4), randn(3, 1));
        assertPasses(t -> t[0].sub(t[1]), randn(4), randn(2, 3, 4));
        assertPasses(t -> t[0].mul(t[1]), randn(2, 1, 4), randn(3, 1));
        assertPasses(t -> t[0].div(t[1]), randn(3, 4), positive(4));
        assertPasses(t -> t[0].pow(3f), randn(2, 5));
        assertPasses(t -> t[0].pow(t[1]), positive(3, 2), randn(2));
        assertPasses(t -> t[0].neg().mul(2f).add(1f).sub(3f).div(4f), randn(5));
    }

    @Test void unaryMath() {
        assertPasses(t -> t[0].exp(), randn(3, 3));
        assertPasses(t -> t[0].log(), positive(3, 3));
        assertPasses(t -> t[0].sqrt(), positive(7));
        assertPasses(t -> t[0].abs(), awayFromZero(2, 4));
        assertPasses(t -> t[0].clamp(-0.5f, 0.5f), Tensor.of(new float[] {-1f, -0.3f, 0.2f, 0.9f, 0.45f, -2f}, 6));
    }

    @Test void maximumMinimumAndWhere() {
        Tensor a = Tensor.of(new float[] {1, -2, 3, 0.5f, -1, 2}, 2, 3);
        Tensor b = Tensor.of(new float[] {0.3f, 0.7f, -0.4f}, 3);
        assertPasses(t -> t[0].maximum(t[1]), a, b);
        assertPasses(t -> t[0].minimum(t[1]), a, b);
        Tensor mask = Tensor.of(new float[] {1, 0, 1}, 3);
        assertPasses(t -> Tensor.where(mask, t[0], t[1]), randn(2, 3), randn(2, 1));
    }

    @Test void activations() {
        assertPasses(t -> t[0].relu(), awayFromZero(3, 4));
        assertPasses(t -> t[0].leakyRelu(0.1f), awayFromZero(3, 4));
        assertPasses(t -> t[0].elu(1.5f), awayFromZero(3, 4));
        assertPasses(t -> t[0].sigmoid(), randn(3, 4));
        assertPasses(t -> t[0].tanh(), randn(3, 4));
        assertPasses(t -> t[0].softplus(), randn(3, 4));
        assertPasses(t -> t[0].softmax(1), randn(3, 5));
        assertPasses(t -> t[0].softmax(0), randn(3, 5));
        assertPasses(t -> t[0].logSoftmax(-1), randn(2, 3, 4));
    }

    @Test void reductions() {
        assertPasses(t -> t[0].sum(), randn(2, 3));
        assertPasses(t -> t[0].sum(1, true), randn(2, 3, 4));
        assertPasses(t -> t[0].sum(new int[] {0, 2}, false), randn(2, 3, 4));
        assertPasses(t -> t[0].mean(new int[] {1, 2}, true), randn(2, 3, 4));
        assertPasses(t -> t[0].mean(), randn(5));
        assertPasses(t -> t[0].max(2, false), randn(2, 3, 4));
        assertPasses(t -> t[0].min(0, true), randn(2, 3, 4));
        assertPasses(t -> t[0].max(new int[] {0, 2}, false), randn(2, 3, 4));
        assertPasses(t -> t[0].max(), randn(3, 3));
        assertPasses(t -> t[0].var(1, false), randn(3, 4));
        assertPasses(t -> t[0].var(new int[] {0, 1}, true, 0), randn(3, 4));
    }

    @Test void movement() {
        assertPasses(t -> t[0].reshape(3, -1).mul(t[0].reshape(3, 4)), randn(2, 6));
        assertPasses(t -> t[0].permute(2, 0, 1), randn(2, 3, 4));
        assertPasses(t -> t[0].transpose(0, 1), randn(3, 4));
        assertPasses(t -> t[0].slice(1, 1, 4, 2), randn(2, 5, 3));
        assertPasses(t -> t[0].slice(-1, -3, 100), randn(2, 5));
        assertPasses(t -> t[0].expand(4, 2, 3), randn(2, 1));
        assertPasses(t -> t[0].unsqueeze(1).squeeze(1).squeeze(), randn(3, 1, 2));
        assertPasses(t -> Tensor.cat(1, t[0], t[1], t[0]), randn(2, 3), randn(2, 2));
        assertPasses(t -> Tensor.stack(0, t[0], t[1]), randn(2, 3), randn(2, 3));
        assertPasses(t -> Tensor.stack(-1, t[0], t[1]), randn(2, 3), randn(2, 3));
        assertPasses(t -> t[0].pad(new int[] {1, 2, 0, 1}, 0.5f), randn(2, 3, 2));
        assertPasses(t -> t[0].flatten(1, 2), randn(2, 3, 2));
    }

    @Test void indexing() {
        Tensor index = Tensor.of(new float[] {0, 2, 1, 1, 0, 0}, 3, 2);
        assertPasses(t -> t[0].gather(1, index), randn(3, 4));
        Tensor rows = Tensor.of(new float[] {2, 0, 2}, 3);
        assertPasses(t -> t[0].indexSelect(0, rows), randn(3, 4));
        assertPasses(t -> t[0].indexSelect(1, rows), randn(2, 3, 2));
    }

    @Test void matmul() {
        assertPasses(t -> t[0].matmul(t[1]), randn(3, 4), randn(4, 5));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(4, 2));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 1, 3, 4), randn(3, 4, 2));
        assertPasses(t -> t[0].matmul(t[1]), randn(4), randn(4, 3));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(4));
        assertPasses(t -> t[0].matmul(t[1]), randn(4), randn(4));
    }

    @Test void linearIsMatmulWithTransposedWeightPlusBias() {
        assertPasses(t -> t[0].linear(t[1], t[2]), randn(5, 4), randn(3, 4), randn(3));
        assertPasses(t -> t[0].linear(t[1], null), randn(2, 5, 4), randn(3, 4));
        Tensor x = randn(7, 4);
        Tensor w = randn(3, 4);
        Tensor b = randn(3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(x.matmul(w.transpose(0, 1)).add(b).toArray(),
                x.linear(w, b).toArray(), 1e-5f, "the fused op agrees with its composed twin");
    }

    /** A composite of many ops, as a network would be: linear, relu, logsoftmax, gather, mean. */
    @Test void smallNetwork() {
        Tensor labels = Tensor.of(new float[] {1, 0, 2, 1}, 4, 1);
        assertPasses(t -> t[0].matmul(t[1]).add(t[2]).tanh().matmul(t[3]).logSoftmax(1).gather(1, labels).mean().neg(),
                randn(4, 5), randn(5, 6), randn(6), randn(6, 3));
    }

    /** A planted wrong derivative (x instead of 2x for x^2) must be caught, and the report must say where. */
    @Test void catchesAPlantedWrongDerivative() {
        Function<Tensor[], Tensor> wrongSquare = t -> Tensor.derived("badSquare", t[0].mul(t[0]).detach().toArray(),
                t[0].shape(), new Tensor[] {t[0]}, g -> new Tensor[] {g.mul(t[0])});
        GradCheck.Report report = GradCheck.check(wrongSquare, Tensor.of(new float[] {1f, -2f, 3f}, 3));
        assertFalse(report.passed());
        assertEquals(3, report.failures().size());
        GradCheck.Element first = report.failures().get(0);
        assertEquals("badSquare", first.op());
        assertEquals(0, first.input());
        assertEquals(0, first.element());
        assertEquals(first.numeric() / 2, first.analytic(), 1e-3, "analytic is half the numeric derivative");
        assertTrue(report.toString().contains("badSquare: input 0 element 0"), report::toString);

        Function<Tensor[], Tensor> rightSquare = t -> Tensor.derived("square", t[0].mul(t[0]).detach().toArray(),
                t[0].shape(), new Tensor[] {t[0]}, g -> new Tensor[] {g.mul(t[0]).mul(2f)});
        assertTrue(GradCheck.check(rightSquare, Tensor.of(new float[] {1f, -2f, 3f}, 3)).passed());
    }

    /** A gradient sent to the wrong input of a two-input op is caught on both inputs. */
    @Test void catchesSwappedInputs() {
        Function<Tensor[], Tensor> swapped = t -> Tensor.derived("badMul", t[0].mul(t[1]).detach().toArray(),
                t[0].shape(), new Tensor[] {t[0], t[1]}, g -> new Tensor[] {g.mul(t[0]), g.mul(t[1])});
        GradCheck.Report report = GradCheck.check(swapped, randn(4), randn(4));
        assertFalse(report.passed());
        assertTrue(report.failures().stream().anyMatch(e -> e.input() == 1), report::toString);
    }
}
