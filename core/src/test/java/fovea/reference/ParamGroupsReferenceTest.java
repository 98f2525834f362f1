package fovea.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import fovea.optim.AdaDelta;
import fovea.optim.AdaGrad;
import fovea.optim.Adam;
import fovea.optim.AdamW;
import fovea.optim.CosineAnnealingLr;
import fovea.optim.LrScheduler;
import fovea.optim.Optimizer;
import fovea.optim.ParamGroup;
import fovea.optim.ParamGroups;
import fovea.optim.RmsProp;
import fovea.optim.Sgd;
import fovea.optim.StepLr;
import fovea.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases of fovea/optim/param_groups.json (made by make_param_groups_reference.py beside it): 10 steps of a PyTorch
 * optimizer over two parameter groups with different rates and weight decay, some with a schedule stepped per step,
 * on the mean squared error of a tiny linear model; every step's W and c and every group's rate must match. An
 * optimizer, schedule or setting without a mapping fails.
 */
class ParamGroupsReferenceTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;
    private static final String FILE = "/fovea/optim/param_groups.json";

    /** PyTorch's class name to the Fovea optimizer over the groups, its settings read from the case's "hyper". */
    private static final Map<String, BiFunction<Settings, ParamGroups, Optimizer>> OPTIMIZERS = Map.of(
            "SGD", (h, g) -> new Sgd(g, Sgd.Config.defaults().withLr(h.number("lr", 1e-3f))
                    .withMomentum(h.number("momentum", 0f)).withDampening(h.number("dampening", 0f))
                    .withWeightDecay(h.number("weight_decay", 0f)).withNesterov(h.flag("nesterov"))),
            "Adam", (h, g) -> new Adam(g, Adam.Config.defaults().withLr(h.number("lr", 1e-3f))
                    .withBetas(h.beta(0, 0.9f), h.beta(1, 0.999f)).withEps(h.number("eps", 1e-8f))
                    .withWeightDecay(h.number("weight_decay", 0f))),
            "AdamW", (h, g) -> new AdamW(g, AdamW.Config.defaults().withLr(h.number("lr", 1e-3f))
                    .withBetas(h.beta(0, 0.9f), h.beta(1, 0.999f)).withEps(h.number("eps", 1e-8f))
                    .withWeightDecay(h.number("weight_decay", 1e-2f))),
            "RMSprop", (h, g) -> new RmsProp(g, RmsProp.Config.defaults().withLr(h.number("lr", 1e-2f))
                    .withAlpha(h.number("alpha", 0.99f)).withEps(h.number("eps", 1e-8f))
                    .withWeightDecay(h.number("weight_decay", 0f)).withMomentum(h.number("momentum", 0f))
                    .withCentered(h.flag("centered"))),
            "Adagrad", (h, g) -> new AdaGrad(g, AdaGrad.Config.defaults().withLr(h.number("lr", 1e-2f))
                    .withLrDecay(h.number("lr_decay", 0f)).withWeightDecay(h.number("weight_decay", 0f))),
            "Adadelta", (h, g) -> new AdaDelta(g, AdaDelta.Config.defaults().withLr(h.number("lr", 1f))
                    .withRho(h.number("rho", 0.9f)).withWeightDecay(h.number("weight_decay", 0f))));

    @TestFactory
    Stream<DynamicTest> paramGroupsJson() {
        Map<String, Object> root = ReferenceCases.resource(FILE);
        List<Map<String, Object>> cases = ReferenceCases.resourceCases(FILE);
        assertFalse(cases.isEmpty(), "param_groups.json holds no cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> run(root, c)));
    }

    @SuppressWarnings("unchecked")
    private static void run(Map<String, Object> root, Map<String, Object> c) {
        String name = (String) c.get("name");
        var factory = OPTIMIZERS.get((String) c.get("optimizer"));
        if (factory == null) {
            fail(name + ": optimizer '" + c.get("optimizer") + "' has no mapping; expected one of "
                    + OPTIMIZERS.keySet().stream().sorted().toList());
        }
        Tensor x = ReferenceCases.tensor(root.get("x"));
        Tensor y = ReferenceCases.tensor(root.get("y"));
        Tensor w = ReferenceCases.tensor(root.get("weight0")).requiresGrad(true);
        Tensor b = ReferenceCases.tensor(root.get("bias0")).requiresGrad(true);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) c.get("groups");
        assertEquals(2, groups.size(), name + ": groups");
        ParamGroups paramGroups = ParamGroups.of(group(name, groups.get(0), w), group(name, groups.get(1), b));
        Settings hyper = new Settings(name, (Map<String, Object>) c.get("hyper"));
        Optimizer optimizer = factory.apply(hyper, paramGroups);
        hyper.checkAllRead();
        LrScheduler scheduler = scheduler(name, (Map<String, Object>) c.get("schedule"), optimizer);

        List<Object> trajectory = (List<Object>) c.get("trajectory");
        List<Object> lrs = (List<Object>) c.get("lrs");
        assertEquals(10, trajectory.size(), name + ": trajectory length");
        for (int k = 0; k < trajectory.size(); k++) {
            optimizer.zeroGrad();
            Tensor error = x.matmul(w.transpose(0, 1)).add(b).sub(y);
            error.mul(error).mean().backward();
            optimizer.step();
            if (scheduler != null) scheduler.step();
            Map<String, Object> expected = (Map<String, Object>) trajectory.get(k);
            String what = name + " after step " + (k + 1);
            ReferenceCases.assertClose(what + ": W", Map.of("shape", List.of(2.0, 3.0), "data", expected.get("weight")),
                    w, RTOL, ATOL);
            ReferenceCases.assertClose(what + ": c", Map.of("shape", List.of(2.0), "data", expected.get("bias")),
                    b, RTOL, ATOL);
            List<Object> rates = (List<Object>) lrs.get(k);
            for (int g = 0; g < 2; g++) {
                double rate = (Double) rates.get(g);
                assertEquals(rate, optimizer.lr(g), 1e-6 * rate, what + ": lr of group " + g);
            }
        }
    }

    /** A group of one tensor with the case's overrides; a setting other than lr and weight_decay fails. */
    private static ParamGroup group(String name, Map<String, Object> settings, Tensor param) {
        ParamGroup group = ParamGroup.of(List.of(param));
        for (var entry : settings.entrySet()) {
            float value = ((Double) entry.getValue()).floatValue();
            switch (entry.getKey()) {
                case "lr" -> group = group.withLr(value);
                case "weight_decay" -> group = group.withWeightDecay(value);
                default -> fail(name + ": group setting '" + entry.getKey() + "' has no mapping; expected lr or weight_decay");
            }
        }
        return group;
    }

    /** PyTorch's scheduler of the case, stepped after every optimizer step; null for none. */
    private static LrScheduler scheduler(String name, Map<String, Object> schedule, Optimizer optimizer) {
        if (schedule == null) return null;
        Settings s = new Settings(name, schedule);
        String kind = s.text("name");
        // the schedules' own base rate is only for lr(t) alone: the scheduler scales each group from its initial rate
        LrScheduler scheduler = switch (kind) {
            case "StepLR" -> new LrScheduler(optimizer, new StepLr(optimizer.lr(), s.integer("step_size"),
                    s.number("gamma", 0.1f)), LrScheduler.Interval.STEP);
            case "CosineAnnealingLR" -> new LrScheduler(optimizer, new CosineAnnealingLr(optimizer.lr(),
                    s.integer("T_max"), s.number("eta_min", 0f)), LrScheduler.Interval.STEP);
            default -> throw new AssertionError(name + ": schedule '" + kind
                    + "' has no mapping; expected StepLR or CosineAnnealingLR");
        };
        s.checkAllRead();
        return scheduler;
    }
}
