package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Shape;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS beyond the reference cases: the first step's scaling and the two-loop recursion on a quadratic worked by
 * hand, the settings, step() without a closure, and a checkpoint that resumes the history bit for bit.
 */
class LbfgsTest {
    /** The closure of f(p) = sum over the tensors of 0.5 sum(p^2) + sum_i (p_i - p_{i+1})^4 / 4, non-quadratic. */
    private static Optimizer.Closure closure(Optimizer optimizer, List<Tensor> params, boolean quartic) {
        return () -> {
            optimizer.zeroGrad();
            Tensor loss = Tensor.scalar(0);
            for (Tensor p : params) {
                loss = loss.add(p.mul(p).sum().mul(0.5f));
                if (quartic) {
                    int n = p.size(0);
                    Tensor gap = p.slice(0, 0, n - 1).sub(p.slice(0, 1, n));
                    loss = loss.add(gap.mul(gap).mul(gap).mul(gap).sum().mul(0.25f));
                }
            }
            loss.backward();
            return loss.item();
        };
    }

    @Test void firstStepIsScaledAndTheSecondIsNewtonsOnAnIdentityHessian() {
        Tensor p = Tensor.of(new float[] {3f, -1f}).requiresGrad(true);
        Lbfgs lbfgs = new Lbfgs(List.of(p), Lbfgs.Config.defaults().withMaxIter(1));
        int[] calls = new int[1];
        Optimizer.Closure counted = () -> {
            calls[0]++;
            return closure(lbfgs, List.of(p), false).evaluate();
        };
        // g = p, |g|_1 = 4: the first step ever is min(1, 1/4) * lr = 0.25 along -g, and the last iteration is not
        // re-evaluated
        assertEquals(5.0, lbfgs.step(counted), 1e-6);
        assertArrayEquals(new float[] {2.25f, -0.75f}, p.toArray(), 1e-6f);
        assertEquals(1, calls[0]);
        // y = s = -0.25 p0: H_diag = 1 and the two-loop recursion gives -g, a full step of lr 1 reaches the minimum
        lbfgs.step(counted);
        assertArrayEquals(new float[] {0f, 0f}, p.toArray(), 1e-6f);
        assertEquals(2, calls[0]);
        assertEquals(2, Stateful.longs("func_evals", lbfgs.stateDict().get("func_evals"))[0]);
    }

    @Test void settingsFollowPyTorch() {
        Lbfgs.Config defaults = Lbfgs.Config.defaults();
        assertEquals(new Lbfgs.Config(1f, 20, 25, 1e-7f, 1e-9f, 100, Lbfgs.LineSearch.NONE), defaults);
        assertEquals(5, defaults.withMaxIter(4).maxEval(), "max_eval = max_iter * 5 // 4");
        assertEquals(1, defaults.withMaxIter(1).maxEval());
        assertEquals(7, defaults.withMaxIter(4).withMaxEval(7).maxEval());
        assertEquals("Lbfgs: historySize must be > 0; got 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withHistorySize(0)).getMessage());
        assertEquals("Lbfgs: toleranceGrad must be a finite number >= 0; got -1.0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withToleranceGrad(-1)).getMessage());
        assertEquals("Lbfgs: lineSearch must be NONE or STRONG_WOLFE; got null",
                assertThrows(IllegalArgumentException.class, () -> defaults.withLineSearch(null)).getMessage());
        Lbfgs lbfgs = new Lbfgs(List.of(Tensor.zeros(2).requiresGrad(true)), defaults);
        assertEquals("Lbfgs: step() cannot re-evaluate the loss; got no closure, expected step(closure) with a closure "
                + "that zeroes the gradients, computes the loss and calls backward",
                assertThrows(IllegalStateException.class, lbfgs::step).getMessage());
    }

    /** Runs two steps, saves, restores into a fresh optimizer over a copy, and expects the next steps to agree exactly. */
    private static void assertResumesExactly(Lbfgs.Config config) {
        float[] start = {0.9f, -1.3f, 0.4f, 2.1f, -0.2f};
        List<Tensor> original = List.of(Tensor.of(start.clone()).requiresGrad(true), Tensor.of(new float[] {1f, -1f})
                .requiresGrad(true));
        List<Tensor> copy = List.of(Tensor.of(start.clone()).requiresGrad(true), Tensor.of(new float[] {1f, -1f})
                .requiresGrad(true));
        Lbfgs first = new Lbfgs(original, config);
        Lbfgs second = new Lbfgs(copy, config);
        for (int i = 0; i < 2; i++) {
            first.step(closure(first, original, true));
            second.step(closure(second, copy, true));
        }
        Map<String, Tensor> saved = new LinkedHashMap<>(first.stateDict());
        assertEquals(Shape.of(3, 7), saved.get("old_dirs").shape(), "a full history of 3 pairs over 7 values");
        Lbfgs restored = new Lbfgs(copy, config);
        restored.loadStateDict(saved);
        for (int i = 0; i < 2; i++) {
            double a = first.step(closure(first, original, true));
            double b = restored.step(closure(restored, copy, true));
            assertEquals(a, b, 0, "loss of step " + (i + 3));
        }
        for (int i = 0; i < original.size(); i++) assertArrayEquals(original.get(i).toArray(), copy.get(i).toArray());
        first.stateDict().forEach((key, value) ->
                assertArrayEquals(value.toArray(), restored.stateDict().get(key).toArray(), key));
    }

    @Test void aCheckpointResumesTheHistoryExactly() {
        Lbfgs.Config config = Lbfgs.Config.defaults().withMaxIter(4).withHistorySize(3).withLr(0.5f);
        assertResumesExactly(config);
        assertResumesExactly(config.withLineSearch(Lbfgs.LineSearch.STRONG_WOLFE));
    }

    @Test void loadStateDictChecksTheHistory() {
        Tensor p = Tensor.of(new float[] {1f, 2f, 3f}).requiresGrad(true);
        Lbfgs lbfgs = new Lbfgs(List.of(p), Lbfgs.Config.defaults().withHistorySize(2));
        for (int i = 0; i < 2; i++) lbfgs.step(closure(lbfgs, List.of(p), true));
        Map<String, Tensor> state = new LinkedHashMap<>(lbfgs.stateDict());
        assertTrue(state.keySet().containsAll(List.of("param_groups.0.lr", "param_groups.0.initial_lr", "func_evals", "n_iter",
                "d", "t", "H_diag", "prev_flat_grad", "prev_loss", "old_dirs", "old_stps", "ro")));
        state.put("old_dirs", Tensor.zeros(3, 3));
        state.put("d", Tensor.zeros(4));
        state.remove("ro");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> lbfgs.loadStateDict(state));
        assertEquals("""
                loadStateDict(Lbfgs): 2 problems
                  missing: ro
                  shape: d is [3] here, [4] in the state given""", error.getMessage());
        state.put("ro", Stateful.words(1L, 2L, 3L));
        assertEquals("""
                loadStateDict(Lbfgs): 2 problems
                  shape: d is [3] here, [4] in the state given
                  shape: old_dirs, old_stps and ro must be [k, 3], [k, 3] and [k, 4] with k <= 2; got [3, 3], [2, 3] and [3, 4]""",
                assertThrows(IllegalArgumentException.class, () -> lbfgs.loadStateDict(state)).getMessage());
    }
}
