package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The autograd engine: the course's graphs, fan-out, seeds, scopes, detach, retainGrad, depth and memory. */
class AutogradTest {
    /** The course's f = (x + y) z at x=-2, y=5, z=-4: df/dx = df/dy = -4, df/dz = 3. */
    @Test void courseAddMultiplyGraph() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true);
        Tensor y = Tensor.scalar(5).requiresGrad(true);
        Tensor z = Tensor.scalar(-4).requiresGrad(true);
        Tensor q = x.add(y).retainGrad();
        Tensor f = q.mul(z);
        f.backward();
        assertEquals(-12f, f.item());
        assertEquals(-4f, x.grad().item());
        assertEquals(-4f, y.grad().item());
        assertEquals(3f, z.grad().item());
        assertEquals(-4f, q.grad().item());
    }

    /** Gradients adopted without a copy (linear, conv2d) are each the leaf's own; pass-through ones are copied. */
    @Test void everyLeafOwnsItsGradient() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, 0.5f, 2, -1}, 2, 3);
        Tensor w = Tensor.of(new float[] {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.5f, -0.5f}, 2).requiresGrad(true);
        Tensor c = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.linear(w, b);
        Tensor loss = y.add(c).mul(y.add(c)).sum().add(y.linear(c, null).sum());   // w and b reach the loss twice
        loss.backward();
        float[] gw = w.grad().toArray(), gb = b.grad().toArray(), gc = c.grad().toArray();
        // a second pass accumulates into each leaf's own storage, so every gradient doubles and nothing else moves
        Tensor again = x.linear(w, b);
        again.add(c).mul(again.add(c)).sum().add(again.linear(c, null).sum()).backward();
        for (int i = 0; i < gw.length; i++) assertEquals(2 * gw[i], w.grad().toArray()[i], 1e-5f);
        for (int i = 0; i < gb.length; i++) assertEquals(2 * gb[i], b.grad().toArray()[i], 1e-5f);
        for (int i = 0; i < gc.length; i++) assertEquals(2 * gc[i], c.grad().toArray()[i], 1e-5f);
        // one gradient passed by add to two reshapes, whose views of it reach two leaves: each gets its own copy
        Tensor p = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor q = Tensor.of(new float[] {3, 4}, 2).requiresGrad(true);
        p.reshape(1, 2).add(q.reshape(1, 2)).sum().backward();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            p.grad().assign(Tensor.of(new float[] {7, 7}, 2));
        }
        assertArrayEquals(new float[] {1, 1}, q.grad().toArray());
        // a gradient the user seeds is not adopted either
        Tensor leaf = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor seed = Tensor.of(new float[] {5, 6}, 2);
        leaf.backward(seed);
        leaf.backward(seed);
        assertArrayEquals(new float[] {5, 6}, seed.toArray());
        assertArrayEquals(new float[] {10, 12}, leaf.grad().toArray());
    }

    /** The course's sigmoid neuron: w=(2,-3,-3), x=(-1,-2) gives f=0.73, dw=(-0.20, -0.39, 0.20), dx=(0.39, -0.59). */
    @Test void courseSigmoidNeuron() {
        Tensor w = Tensor.of(new float[] {2, -3, -3}, 3).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {-1, -2}, 2).requiresGrad(true);
        Tensor dot = w.slice(0, 0, 2).mul(x).sum().add(w.slice(0, 2, 3).sum());
        Tensor f = Tensor.scalar(1).div(dot.neg().exp().add(1));
        f.backward();
        assertEquals(0.7311, f.item(), 1e-4);
        assertArrayEquals(new float[] {-0.1966f, -0.3932f, 0.1966f}, w.grad().toArray(), 1e-4f);
        assertArrayEquals(new float[] {0.3932f, -0.5898f}, x.grad().toArray(), 1e-4f);
    }

    @Test void gradientsOfATensorUsedSeveralTimesAddUp() {
        Tensor x = Tensor.of(new float[] {3}, 1).requiresGrad(true);
        Tensor y = x.mul(x).add(x).add(x.exp().mul(0f));     // x^2 + x: dy/dx = 2x + 1 = 7
        y.sum().backward();
        assertEquals(7f, x.grad().item(), 1e-6);
    }

    @Test void backwardAccumulatesAcrossCallsUntilZeroed() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6, 6}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test void explicitSeed() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor y = x.mul(x);
        y.backward(Tensor.of(new float[] {1, 0.5f, -1}, 3));
        assertArrayEquals(new float[] {2, 2, -6}, x.grad().toArray());
        Tensor z = x.mul(2f);
        var error = assertThrows(IllegalArgumentException.class, () -> z.backward(Tensor.ones(2)));
        assertTrue(error.getMessage().contains("[2]") && error.getMessage().contains("[3]"), error.getMessage());
        var nonScalar = assertThrows(IllegalStateException.class, z::backward);
        assertTrue(nonScalar.getMessage().contains("scalar"), nonScalar.getMessage());
    }

    @Test void noGradScopeRecordsNothing() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y;
        try (var ignored = GradMode.noGrad()) {
            assertFalse(GradMode.enabled());
            y = x.mul(2f);
        }
        assertTrue(GradMode.enabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test void detachCutsTheGraph() {
        Tensor x = Tensor.of(new float[] {2}, 1).requiresGrad(true);
        Tensor y = x.mul(x).detach().mul(x);                  // d/dx = x^2 (the detached factor is a constant)
        y.sum().backward();
        assertEquals(4f, x.grad().item());
    }

    @Test void onlyLeavesKeepGradUnlessRetained() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor hidden = x.mul(2f);
        Tensor kept = hidden.exp().retainGrad();
        kept.sum().backward();
        assertNull(hidden.grad());
        assertArrayEquals(new float[] {1, 1}, kept.grad().toArray());
        assertEquals(2f * (float) Math.exp(2), x.grad().get(0), 1e-5);
        assertThrows(IllegalStateException.class, () -> hidden.requiresGrad(false));
    }

    @Test void theGraphIsReleasedAfterBackward() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.mul(3f).sum();
        y.backward();
        var error = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(error.getMessage().contains("already released"), error.getMessage());
    }

    @Test void aChainOf100000OpsDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1.00001f).add(0f);
        y.backward();
        assertEquals(Math.pow(1.00001f, 100_000), x.grad().item(), 1e-2);
    }

    /** 1000 training-like steps: the retained heap must not grow with the number of steps. */
    @Test void memoryDoesNotGrowOverTrainingIterations() {
        SplittableRandom random = new SplittableRandom(7);
        Tensor w1 = Tensor.randn(random, 64, 128).mul(0.1f).detach().requiresGrad(true);
        Tensor w2 = Tensor.randn(random, 128, 10).mul(0.1f).detach().requiresGrad(true);
        Tensor input = Tensor.randn(random, 32, 64);
        float[] classes = new float[32];
        for (int i = 0; i < classes.length; i++) classes[i] = random.nextInt(10);
        Tensor labels = Tensor.of(classes, 32, 1);
        long after100 = 0;
        for (int step = 1; step <= 1000; step++) {
            w1.zeroGrad();
            w2.zeroGrad();
            Tensor loss = input.matmul(w1).relu().matmul(w2).logSoftmax(1).gather(1, labels).mean().neg();
            loss.backward();
            if (step == 100) after100 = usedHeapAfterGc();
        }
        long after1000 = usedHeapAfterGc();
        assertTrue(after1000 < after100 + 8L * 1024 * 1024,
                "heap grew from " + after100 / 1024 + " KiB after 100 steps to " + after1000 / 1024 + " KiB after 1000");
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
        }
        return best;
    }

    @Test void assignChangesALeafInPlaceOnlyWithoutRecording() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor view = w.reshape(1, 2);
        var refused = assertThrows(IllegalStateException.class, () -> w.assign(Tensor.zeros(2)));
        assertTrue(refused.getMessage().contains("GradMode.noGrad()"), refused.getMessage());
        try (var ignored = GradMode.noGrad()) {
            w.assign(Tensor.of(new float[] {5, 6}, 2));
        }
        assertArrayEquals(new float[] {5, 6}, w.toArray());
        assertArrayEquals(new float[] {5, 6}, view.toArray(), "reshape shares storage");
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).assign(Tensor.zeros(2)));
    }

    @Test void customOpsThroughDerived() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor cube = Tensor.derived("cube", new float[] {1, 8}, x.shape(), new Tensor[] {x},
                g -> new Tensor[] {g.mul(x).mul(x).mul(3f)});
        assertEquals("cube", cube.op());
        cube.sum().backward();
        assertArrayEquals(new float[] {3, 12}, x.grad().toArray());
        Tensor bad = Tensor.derived("bad", new float[] {1, 8}, x.shape(), new Tensor[] {x},
                g -> new Tensor[] {g.sum()});
        var error = assertThrows(IllegalStateException.class, () -> bad.sum().backward());
        assertTrue(error.getMessage().startsWith("bad: backward gave a gradient of shape []"), error.getMessage());
    }

    @Test void customOpsReceiveTheirOutput() {
        // exp written the way PyTorch's save_for_backward(result) allows: d exp(x)/dx = the output itself
        Tensor x = Tensor.of(new float[] {-1, 0, 0.5f}, 3).requiresGrad(true);
        float[] values = x.detach().exp().toArray();
        Tensor[] seen = new Tensor[1];
        Tensor y = Tensor.derived("myExp", values, x.shape(), new Tensor[] {x}, (output, g) -> {
            seen[0] = output;
            return new Tensor[] {g.mul(output)};
        });
        y.mul(Tensor.of(new float[] {1, 2, 3}, 3)).sum().backward();
        assertSame(y, seen[0], "the backward receives the tensor the op returned");
        assertArrayEquals(new float[] {values[0], 2 * values[1], 3 * values[2]}, x.grad().toArray(), 1e-6f);
    }
}
