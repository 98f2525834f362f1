package fovea.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import fovea.optim.AdaDelta;
import fovea.optim.AdaGrad;
import fovea.optim.Adam;
import fovea.optim.AdamW;
import fovea.optim.Optimizer;
import fovea.optim.RmsProp;
import fovea.optim.Sgd;
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
 * The cases of optimizers.json: each minimizes sum(a p² + b p) for 10 steps from p0, the gradient computed by
 * Fovea's autograd, and every step's p must match PyTorch's trajectory. A case name without a mapping, or a
 * hyperparameter the mapping does not read, fails.
 */
class OptimizersReferenceTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;

    /** Case name to the optimizer it runs, made from the case's "hyper" settings. */
    private static final Map<String, BiFunction<Settings, List<Tensor>, Optimizer>> OPTIMIZERS = Map.of(
            "sgd", OptimizersReferenceTest::sgd,
            "sgd_momentum", OptimizersReferenceTest::sgd,
            "sgd_nesterov", OptimizersReferenceTest::sgd,
            "sgd_weight_decay", OptimizersReferenceTest::sgd,
            "adagrad", (h, p) -> new AdaGrad(p, AdaGrad.Config.defaults().withLr(h.number("lr", 1e-2f))
                    .withLrDecay(h.number("lr_decay", 0f)).withWeightDecay(h.number("weight_decay", 0f))
                    .withEps(h.number("eps", 1e-10f))),
            "rmsprop", (h, p) -> new RmsProp(p, RmsProp.Config.defaults().withLr(h.number("lr", 1e-2f))
                    .withAlpha(h.number("alpha", 0.99f)).withEps(h.number("eps", 1e-8f))
                    .withWeightDecay(h.number("weight_decay", 0f)).withMomentum(h.number("momentum", 0f))
                    .withCentered(h.flag("centered"))),
            "adam", (h, p) -> new Adam(p, Adam.Config.defaults().withLr(h.number("lr", 1e-3f))
                    .withBetas(h.beta(0, 0.9f), h.beta(1, 0.999f)).withEps(h.number("eps", 1e-8f))
                    .withWeightDecay(h.number("weight_decay", 0f))),
            "adamw", (h, p) -> new AdamW(p, AdamW.Config.defaults().withLr(h.number("lr", 1e-3f))
                    .withBetas(h.beta(0, 0.9f), h.beta(1, 0.999f)).withEps(h.number("eps", 1e-8f))
                    .withWeightDecay(h.number("weight_decay", 1e-2f))),
            "adadelta", (h, p) -> new AdaDelta(p, AdaDelta.Config.defaults().withLr(h.number("lr", 1f))
                    .withRho(h.number("rho", 0.9f)).withEps(h.number("eps", 1e-6f))
                    .withWeightDecay(h.number("weight_decay", 0f))));

    private static Optimizer sgd(Settings h, List<Tensor> params) {
        return new Sgd(params, Sgd.Config.defaults().withLr(h.number("lr", 1e-3f)).withMomentum(h.number("momentum", 0f))
                .withDampening(h.number("dampening", 0f)).withWeightDecay(h.number("weight_decay", 0f))
                .withNesterov(h.flag("nesterov")));
    }

    @TestFactory
    Stream<DynamicTest> optimizersJson() {
        List<Map<String, Object>> cases = ReferenceCases.cases("optimizers.json");
        assertFalse(cases.isEmpty(), "optimizers.json holds no cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(ReferenceCases.label(c), () -> run(c)));
    }

    @SuppressWarnings("unchecked")
    private static void run(Map<String, Object> c) {
        String name = (String) c.get("name");
        var factory = OPTIMIZERS.get(name);
        if (factory == null) {
            fail("reference optimizer case '" + name + "' has no mapping; expected one of "
                    + OPTIMIZERS.keySet().stream().sorted().toList());
        }
        Tensor a = ReferenceCases.tensor(c.get("a"));
        Tensor b = ReferenceCases.tensor(c.get("b"));
        Tensor p = ReferenceCases.tensor(c.get("p0")).requiresGrad(true);
        Settings hyper = new Settings(ReferenceCases.label(c), (Map<String, Object>) c.get("hyper"));
        Optimizer optimizer = factory.apply(hyper, List.of(p));
        hyper.checkAllRead();
        List<Object> trajectory = (List<Object>) c.get("trajectory");
        assertEquals(10, trajectory.size(), ReferenceCases.label(c) + ": trajectory length");
        Object shape = ((Map<String, Object>) c.get("p0")).get("shape");
        for (int k = 0; k < trajectory.size(); k++) {
            optimizer.zeroGrad();
            a.mul(p).mul(p).add(b.mul(p)).sum().backward();     // f(p) = sum(a p^2 + b p); grad 2 a p + b
            optimizer.step();
            ReferenceCases.assertClose(ReferenceCases.label(c) + " after step " + (k + 1), Map.of("shape", shape, "data", trajectory.get(k)),
                    p, RTOL, ATOL);
        }
    }
}
