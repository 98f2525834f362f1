package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every optimizer shares: argument checks, zeroGrad, skipped parameters, and an exact state-dict round trip. */
class OptimizerTest {
    private static Tensor param(float... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    /** Fills the gradients of f = sum(p^2 + p) (grad 2p + 1) by backward. */
    private static void backward(List<Tensor> params) {
        Tensor loss = Tensor.scalar(0);
        for (Tensor p : params) loss = loss.add(p.mul(p).add(p).sum());
        loss.backward();
    }

    @Test void rejectsBadParameterLists() {
        Adam.Config config = Adam.Config.defaults();
        assertEquals("Adam: expected at least one parameter; got an empty list",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), config)).getMessage());
        assertEquals("Adam: parameter 1 [2] does not require grad; expected tensors marked requiresGrad(true)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Adam(List.of(param(1), Tensor.zeros(2)), config)).getMessage());
        Tensor leaf = param(1, 2);
        assertEquals("Adam: parameter 0 [2] is the result of 'mul'; expected a leaf tensor",
                assertThrows(IllegalArgumentException.class,
                        () -> new Adam(List.of(leaf.mul(2f)), config)).getMessage());
        assertEquals("Adam: parameter 1 is the same tensor as parameter 0; expected each parameter once",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(leaf, leaf), config)).getMessage());
        List<Tensor> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("Adam: parameter 0 is null",
                assertThrows(IllegalArgumentException.class, () -> new Adam(withNull, config)).getMessage());
    }

    @Test void learningRateIsReadAndSetAndChecked() {
        Sgd sgd = new Sgd(List.of(param(1)), Sgd.Config.defaults().withLr(0.5f));
        assertEquals(0.5f, sgd.lr());
        sgd.setLr(0.25f);
        assertEquals(0.25f, sgd.lr());
        assertEquals("Sgd: lr must be a finite number >= 0; got -1.0",
                assertThrows(IllegalArgumentException.class, () -> sgd.setLr(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> sgd.setLr(Float.NaN));
        assertEquals(0.25f, sgd.lr());
    }

    @Test void stepUsesTheCurrentLearningRate() {
        Tensor p = param(1);
        Sgd sgd = new Sgd(List.of(p), Sgd.Config.defaults().withLr(0.1f));
        backward(List.of(p));        // grad 3
        sgd.setLr(0.01f);
        sgd.step();
        assertEquals(1 - 0.01f * 3, p.item(), 1e-7);
    }

    @Test void zeroGradClearsAndStepSkipsParametersWithoutGradient() {
        Tensor used = param(1, 2);
        Tensor unused = param(5);
        Adam adam = new Adam(List.of(used, unused), Adam.Config.defaults().withLr(0.1f));
        used.mul(used).sum().backward();
        adam.step();
        assertEquals(5f, unused.item());
        assertTrue(used.toArray()[0] < 1f);
        Map<String, Tensor> state = adam.stateDict();
        assertEquals(1f, state.get("0.step").item());
        assertEquals(0f, state.get("1.step").item(), "a skipped parameter's step does not count, as in PyTorch");
        adam.zeroGrad();
        assertEquals(null, used.grad());
        adam.step();                  // no gradients: nothing moves
        assertEquals(1f, adam.stateDict().get("0.step").item());
    }

    @Test void stateDictHasPyTorchKeysAndShapes() {
        Tensor w = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor b = param(0, 0);
        Adam adam = new Adam(List.of(w, b), Adam.Config.defaults());
        Map<String, Tensor> state = adam.stateDict();
        assertEquals(List.of("param_groups.0.lr", "param_groups.0.initial_lr", "param_groups.0.weight_decay",
                "param_groups.0.params", "0.step", "0.exp_avg", "0.exp_avg_sq", "1.step", "1.exp_avg", "1.exp_avg_sq"),
                List.copyOf(state.keySet()));
        assertArrayEquals(new float[] {0, 1}, state.get("param_groups.0.params").toArray());
        assertEquals(Shape.of(2, 3), state.get("0.exp_avg").shape());
        assertEquals(Shape.scalar(), state.get("1.step").shape());
        List<String> group = List.of("param_groups.0.lr", "param_groups.0.initial_lr", "param_groups.0.weight_decay",
                "param_groups.0.params");
        assertEquals(plus(group, "0.step"), List.copyOf(new Sgd(List.of(w), Sgd.Config.defaults()).stateDict().keySet()));
        assertEquals(plus(group, "0.step", "0.square_avg", "0.momentum_buffer", "0.grad_avg"), List.copyOf(
                new RmsProp(List.of(w), RmsProp.Config.defaults().withMomentum(0.9f).withCentered(true))
                        .stateDict().keySet()));
        AdaGrad adaGrad = new AdaGrad(List.of(b), AdaGrad.Config.defaults().withInitialAccumulatorValue(0.5f));
        assertArrayEquals(new float[] {0.5f, 0.5f}, adaGrad.stateDict().get("0.sum").toArray());
    }

    private static List<String> plus(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** Trains two copies, one of them saved and restored into a fresh optimizer halfway, and expects equal results. */
    private static void assertRoundTripIsExact(java.util.function.Function<List<Tensor>, Optimizer> make) {
        Tensor p = param(1.5f, -2f, 0.25f);
        Tensor q = param(1.5f, -2f, 0.25f);
        Optimizer original = make.apply(List.of(p));
        Optimizer copy = make.apply(List.of(q));
        for (int i = 0; i < 3; i++) {
            original.zeroGrad();
            copy.zeroGrad();
            backward(List.of(p));
            backward(List.of(q));
            original.step();
            copy.step();
        }
        original.setLr(original.lr() * 0.5f);        // as a schedule would
        Map<String, Tensor> saved = new LinkedHashMap<>(original.stateDict());
        Optimizer restored = make.apply(List.of(q));
        restored.loadStateDict(saved);
        assertEquals(original.lr(), restored.lr());
        for (int i = 0; i < 3; i++) {
            original.zeroGrad();
            restored.zeroGrad();
            backward(List.of(p));
            backward(List.of(q));
            original.step();
            restored.step();
        }
        assertArrayEquals(p.toArray(), q.toArray(), original.getClass().getSimpleName());
        original.stateDict().forEach((key, value) ->
                assertArrayEquals(value.toArray(), restored.stateDict().get(key).toArray(), key));
    }

    @Test void stateDictRoundTripIsExactForEveryOptimizer() {
        assertRoundTripIsExact(p -> new Sgd(p, Sgd.Config.defaults().withLr(0.1f).withMomentum(0.9f).withNesterov(true)));
        assertRoundTripIsExact(p -> new AdaGrad(p, AdaGrad.Config.defaults().withLrDecay(0.1f)));
        assertRoundTripIsExact(p -> new RmsProp(p, RmsProp.Config.defaults().withMomentum(0.5f).withCentered(true)));
        assertRoundTripIsExact(p -> new Adam(p, Adam.Config.defaults().withLr(0.1f)));
        assertRoundTripIsExact(p -> new AdamW(p, AdamW.Config.defaults().withLr(0.1f)));
        assertRoundTripIsExact(p -> new AdaDelta(p, AdaDelta.Config.defaults()));
    }

    /** The rules read the gradient in place: a step, weight decay included, leaves every gradient as it was. */
    @Test void stepLeavesTheGradientsAsTheyWere() {
        List<java.util.function.Function<List<Tensor>, Optimizer>> optimizers = List.of(
                p -> new Sgd(p, Sgd.Config.defaults().withLr(0.1f).withMomentum(0.9f).withWeightDecay(0.1f)),
                p -> new AdaGrad(p, AdaGrad.Config.defaults().withWeightDecay(0.1f)),
                p -> new RmsProp(p, RmsProp.Config.defaults().withWeightDecay(0.1f)),
                p -> new Adam(p, Adam.Config.defaults().withWeightDecay(0.1f)),
                p -> new AdamW(p, AdamW.Config.defaults().withWeightDecay(0.1f)),
                p -> new AdaDelta(p, AdaDelta.Config.defaults().withWeightDecay(0.1f)));
        for (var make : optimizers) {
            Tensor p = param(1, -2, 3);
            Optimizer optimizer = make.apply(List.of(p));
            p.mul(p).sum().backward();
            float[] before = p.grad().toArray();
            optimizer.step();
            assertArrayEquals(before, p.grad().toArray(), optimizer.getClass().getSimpleName());
        }
    }

    @Test void stateDictIsACopy() {
        Tensor p = param(1);
        Adam adam = new Adam(List.of(p), Adam.Config.defaults());
        Map<String, Tensor> before = adam.stateDict();
        backward(List.of(p));
        adam.step();
        assertEquals(0f, before.get("0.exp_avg").item());
        assertTrue(adam.stateDict().get("0.exp_avg").item() != 0);
    }

    @Test void loadStateDictListsEveryProblemAndChangesNothing() {
        Tensor p = param(1, 2);
        Adam adam = new Adam(List.of(p), Adam.Config.defaults());
        Map<String, Tensor> state = new LinkedHashMap<>(adam.stateDict());
        state.remove("0.exp_avg_sq");
        state.put("0.exp_avg", Tensor.zeros(3));
        state.put("0.step", Tensor.scalar(1.5f));
        state.put("0.momentum_buffer", Tensor.zeros(2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(state));
        assertEquals("""
                loadStateDict(Adam): 4 problems
                  missing: 0.exp_avg_sq
                  unexpected: 0.momentum_buffer
                  value: 0.step must be a whole number >= 0; got 1.5
                  shape: 0.exp_avg is [2] here, [3] in the state given""", error.getMessage());
        Map<String, Tensor> badLr = new LinkedHashMap<>(adam.stateDict());
        badLr.put("param_groups.0.lr", Tensor.scalar(-1));
        assertEquals("loadStateDict(Adam): 1 problem\n  value: param_groups.0.lr must be a finite number >= 0; got -1.0",
                assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(badLr)).getMessage());
        assertEquals(1e-3f, adam.lr());
    }
}
