package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter groups: each group's rate and weight decay reach the update rule, the optimizer's settings fill what a
 * group leaves out, the per-group accessors and their errors, a strict state round trip with groups, the timm-style
 * groups made from named parameters, and the closure step.
 */
class ParamGroupsTest {
    private static Tensor param(float... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    /** f = sum(p^2 + p) over every tensor, so each gradient is 2p + 1. */
    private static void backward(List<Tensor> params) {
        Tensor loss = Tensor.scalar(0);
        for (Tensor p : params) loss = loss.add(p.mul(p).add(p).sum());
        loss.backward();
    }

    @Test void eachGroupStepsWithItsOwnRateAndWeightDecay() {
        Tensor backbone = param(1f);
        Tensor head = param(2f);
        Sgd sgd = new Sgd(ParamGroups.of(ParamGroup.of(List.of(backbone)).withLr(0.01f).withWeightDecay(0f),
                ParamGroup.of(List.of(head))), Sgd.Config.defaults().withLr(0.1f).withWeightDecay(0.5f));
        backward(List.of(backbone, head));
        sgd.step();
        // backbone: p - 0.01 (2p + 1) with no decay; head: p - 0.1 (2p + 1 + 0.5 p), the optimizer's settings
        assertEquals(1 - 0.01f * 3, backbone.item(), 1e-7);
        assertEquals(2 - 0.1f * (5 + 0.5f * 2), head.item(), 1e-6);
        assertEquals(List.of(backbone, head), sgd.params());
        assertEquals(0.01f, sgd.group(0).lr());
        assertEquals(0f, sgd.group(0).weightDecay());
        assertEquals(0.1f, sgd.lr(1));
        assertEquals(0.5f, sgd.group(1).weightDecay());
    }

    @Test void decoupledWeightDecayReadsTheGroupsRateAndDecay() {
        Tensor decayed = param(1f);
        Tensor plain = param(1f);
        AdamW adamW = new AdamW(ParamGroups.of(ParamGroup.of(List.of(decayed)).withWeightDecay(0.1f),
                ParamGroup.of(List.of(plain)).withWeightDecay(0f).withLr(0.5f)), AdamW.Config.defaults().withLr(0.01f));
        backward(List.of(decayed, plain));
        adamW.step();
        // the first Adam step moves by lr (m / sqrt(v) = 1): p (1 - lr wd) - lr
        assertEquals(1 * (1 - 0.01 * 0.1) - 0.01, decayed.item(), 1e-6);
        assertEquals(1 - 0.5, plain.item(), 1e-6);
    }

    @Test void perGroupRatesAreSetAndChecked() {
        Sgd sgd = new Sgd(ParamGroups.of(ParamGroup.of(List.of(param(1))), ParamGroup.of(List.of(param(2))).withLr(0.2f)),
                Sgd.Config.defaults().withLr(0.1f));
        assertEquals(0.1f, sgd.lr(), "lr() is the first group's");
        sgd.setLr(1, 0.05f);
        assertEquals(0.05f, sgd.group(1).lr());
        assertEquals(0.2f, sgd.group(1).initialLr(), "the initial rate stays what the group was made with");
        assertEquals("Sgd: setLr(value) sets the rate of a one-group optimizer; got 2 groups, expected setLr(group, value)",
                assertThrows(IllegalStateException.class, () -> sgd.setLr(0.3f)).getMessage());
        assertEquals("Sgd: no group 2; got 2, expected 0 to 1",
                assertThrows(IndexOutOfBoundsException.class, () -> sgd.group(2)).getMessage());
        assertEquals("Sgd: lr must be a finite number >= 0; got -1.0",
                assertThrows(IllegalArgumentException.class, () -> sgd.setLr(0, -1f)).getMessage());
        assertEquals("Sgd: weightDecay must be a finite number >= 0; got NaN",
                assertThrows(IllegalArgumentException.class, () -> sgd.group(0).setWeightDecay(Float.NaN)).getMessage());
        Lbfgs lbfgs = new Lbfgs(List.of(param(1)), Lbfgs.Config.defaults());
        assertEquals("Lbfgs: has no weight decay to set; got setWeightDecay(0.1)",
                assertThrows(IllegalStateException.class, () -> lbfgs.group(0).setWeightDecay(0.1f)).getMessage());
    }

    @Test void badGroupsAreRejectedWithTheGroupNamed() {
        Tensor shared = param(1);
        Adam.Config config = Adam.Config.defaults();
        assertEquals("Adam: parameter 1 (group 1) is the same tensor as parameter 0 (group 0); expected each parameter once",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ParamGroups.of(ParamGroup.of(List.of(shared)),
                        ParamGroup.of(List.of(shared))), config)).getMessage());
        assertEquals("Adam: parameter 1 (group 1) [2] does not require grad; expected tensors marked requiresGrad(true)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ParamGroups.of(ParamGroup.of(List.of(shared)),
                        ParamGroup.of(List.of(Tensor.zeros(2)))), config)).getMessage());
        assertEquals("Adam: expected at least one parameter; got 2 empty groups",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ParamGroups.of(ParamGroup.of(List.of()),
                        ParamGroup.of(List.of())), config)).getMessage());
        assertEquals("ParamGroup: lr must be a finite number >= 0; got -0.1",
                assertThrows(IllegalArgumentException.class, () -> ParamGroup.of(List.of(shared)).withLr(-0.1f)).getMessage());
        // an empty group beside others is allowed, as in PyTorch
        Adam adam = new Adam(ParamGroups.of(ParamGroup.of(List.of()), ParamGroup.of(List.of(shared))), config);
        assertEquals(2, adam.groups().size());
        assertEquals(List.of(), adam.group(0).params());
    }

    /** Two groups, rates changed per group as schedules do, saved halfway and restored into a fresh optimizer. */
    @Test void stateRoundTripRestoresEveryGroupsSettingsExactly() {
        Tensor[] original = {param(1.5f, -2f), param(0.25f)};
        Tensor[] copy = {param(1.5f, -2f), param(0.25f)};
        java.util.function.Function<Tensor[], Optimizer> make = p -> new Sgd(ParamGroups.of(
                ParamGroup.of(List.of(p[0])).withLr(0.05f), ParamGroup.of(List.of(p[1])).withWeightDecay(0f)),
                Sgd.Config.defaults().withLr(0.1f).withMomentum(0.9f).withWeightDecay(0.01f));
        Optimizer first = make.apply(original);
        Optimizer second = make.apply(copy);
        for (int i = 0; i < 3; i++) {
            for (Optimizer o : List.of(first, second)) o.zeroGrad();
            backward(List.of(original));
            backward(List.of(copy));
            first.step();
            second.step();
        }
        first.setLr(0, 0.02f);
        first.setLr(1, 0.03f);
        first.group(1).setWeightDecay(0.2f);
        Map<String, Tensor> saved = new LinkedHashMap<>(first.stateDict());
        assertEquals(0.05f, saved.get("param_groups.0.initial_lr").item());
        assertEquals(0.03f, saved.get("param_groups.1.lr").item());
        assertArrayEquals(new float[] {1}, saved.get("param_groups.1.params").toArray());
        Optimizer restored = make.apply(copy);
        restored.loadStateDict(saved);
        assertEquals(0.02f, restored.lr(0));
        assertEquals(0.03f, restored.lr(1));
        assertEquals(0.2f, restored.group(1).weightDecay());
        for (int i = 0; i < 3; i++) {
            first.zeroGrad();
            restored.zeroGrad();
            backward(List.of(original));
            backward(List.of(copy));
            first.step();
            restored.step();
        }
        for (int i = 0; i < 2; i++) assertArrayEquals(original[i].toArray(), copy[i].toArray(), "parameter " + i);
        first.stateDict().forEach((key, value) ->
                assertArrayEquals(value.toArray(), restored.stateDict().get(key).toArray(), key));
    }

    @Test void loadingIntoOtherGroupsFailsAndChangesNothing() {
        Tensor a = param(1);
        Tensor b = param(2);
        Sgd two = new Sgd(ParamGroups.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b))), Sgd.Config.defaults());
        Sgd one = new Sgd(List.of(a, b), Sgd.Config.defaults().withLr(0.5f));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> one.loadStateDict(two.stateDict()));
        assertEquals("""
                loadStateDict(Sgd): 5 problems
                  unexpected: param_groups.1.lr
                  unexpected: param_groups.1.initial_lr
                  unexpected: param_groups.1.weight_decay
                  unexpected: param_groups.1.params
                  shape: param_groups.0.params is [2] here, [1] in the state given""", error.getMessage());
        Sgd swapped = new Sgd(ParamGroups.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b))), Sgd.Config.defaults());
        Map<String, Tensor> state = new LinkedHashMap<>(two.stateDict());
        state.put("param_groups.1.params", Tensor.of(new float[] {0}, 1));
        state.put("param_groups.0.initial_lr", Tensor.scalar(Float.POSITIVE_INFINITY));
        assertEquals("""
                loadStateDict(Sgd): 2 problems
                  value: param_groups.0.initial_lr must be a finite number >= 0; got Infinity
                  value: param_groups.1.params holds parameters [0.0] in the state given; expected [1.0]""",
                assertThrows(IllegalArgumentException.class, () -> swapped.loadStateDict(state)).getMessage());
        assertEquals(0.5f, one.lr());
    }

    @Test void fromNamedPutsWeightDecayOnlyOnMatricesAndGivesPrefixesTheirRate() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        Tensor convWeight = Tensor.zeros(4, 3, 3, 3).requiresGrad(true);
        Tensor convBias = Tensor.zeros(4).requiresGrad(true);
        Tensor normWeight = Tensor.ones(4).requiresGrad(true);
        Tensor frozen = Tensor.zeros(4, 4);
        Tensor innerWeight = Tensor.zeros(2, 4).requiresGrad(true);
        Tensor headWeight = Tensor.zeros(10, 4).requiresGrad(true);
        Tensor headBias = Tensor.zeros(10).requiresGrad(true);
        named.put("features.0.weight", convWeight);
        named.put("features.0.bias", convBias);
        named.put("features.1.weight", normWeight);
        named.put("features.2.weight", frozen);
        named.put("features.3.inner.weight", innerWeight);
        named.put("classifier.weight", headWeight);
        named.put("classifier.bias", headBias);

        ParamGroups plain = ParamGroups.fromNamed(named, 0.05f);
        assertEquals(2, plain.size());
        assertEquals(List.of(convWeight, innerWeight, headWeight), plain.get(0).params());
        assertEquals(0.05f, plain.get(0).weightDecay());
        assertNull(plain.get(0).lr(), "the optimizer's rate");
        assertEquals(List.of(convBias, normWeight, headBias), plain.get(1).params());
        assertEquals(0f, plain.get(1).weightDecay());

        // the longest prefix wins: features.3. keeps its own rate inside the backbone
        ParamGroups tuned = ParamGroups.fromNamed(named, 0.05f, Map.of("features.", 1e-4f, "features.3.", 1e-5f));
        assertEquals(5, tuned.size());
        assertEquals(List.of(convWeight), tuned.get(0).params());
        assertEquals(1e-4f, tuned.get(0).lr());
        assertEquals(List.of(convBias, normWeight), tuned.get(1).params());
        assertEquals(1e-4f, tuned.get(1).lr());
        assertEquals(0f, tuned.get(1).weightDecay());
        assertEquals(List.of(innerWeight), tuned.get(2).params());
        assertEquals(1e-5f, tuned.get(2).lr());
        assertEquals(List.of(headWeight), tuned.get(3).params());
        assertNull(tuned.get(3).lr());
        assertEquals(List.of(headBias), tuned.get(4).params());
        assertEquals(List.of(convWeight, convBias, normWeight, innerWeight, headWeight, headBias), tuned.params());

        Sgd sgd = new Sgd(tuned, Sgd.Config.defaults().withLr(0.1f));
        assertEquals(List.of(1e-4f, 1e-4f, 1e-5f, 0.1f, 0.1f), sgd.groups().stream().map(Optimizer.Group::lr).toList());
        assertEquals(List.of(0.05f, 0f, 0.05f, 0.05f, 0f), sgd.groups().stream().map(Optimizer.Group::weightDecay).toList());

        assertEquals("ParamGroups.fromNamed: the prefixes [backbone.] name no parameter that requires grad; got names "
                + "[features.0.weight, features.0.bias, features.1.weight, features.2.weight, features.3.inner.weight, "
                + "classifier.weight, ... (7 in all)]", assertThrows(IllegalArgumentException.class,
                        () -> ParamGroups.fromNamed(named, 0.05f, Map.of("backbone.", 1e-4f))).getMessage());
        assertEquals("ParamGroups.fromNamed: weightDecay must be a finite number >= 0; got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ParamGroups.fromNamed(named, -1f)).getMessage());
    }

    @Test void closureStepEvaluatesOnceThenSteps() {
        Tensor p = param(1f, -1f);
        Tensor q = param(1f, -1f);
        Adam withClosure = new Adam(List.of(p), Adam.Config.defaults().withLr(0.1f));
        Adam plain = new Adam(List.of(q), Adam.Config.defaults().withLr(0.1f));
        int[] calls = new int[1];
        for (int i = 0; i < 3; i++) {
            double loss = withClosure.step(() -> {
                calls[0]++;
                withClosure.zeroGrad();
                Tensor value = p.mul(p).add(p).sum();
                value.backward();
                return value.item();
            });
            plain.zeroGrad();
            Tensor value = q.mul(q).add(q).sum();
            value.backward();
            plain.step();
            assertEquals(value.item(), loss, 0, "step(closure) returns the loss before the update");
        }
        assertEquals(3, calls[0]);
        assertArrayEquals(q.toArray(), p.toArray());
        assertTrue(p.toArray()[0] < 1f);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertEquals("Adam: step(closure) inside a no-grad scope; expected gradients on, so the closure's backward "
                    + "can fill them", assertThrows(IllegalStateException.class, () -> withClosure.step(() -> 0)).getMessage());
        }
        assertEquals("Adam: step expected a closure; got null",
                assertThrows(IllegalArgumentException.class, () -> withClosure.step(null)).getMessage());
    }
}
