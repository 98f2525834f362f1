package fovea.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings optimizers.json does not cover (dampening, lrDecay, centered and momentum RMSprop, Adam's L2 decay,
 * AdaDelta's weight decay), each against PyTorch's formula written out in double for one scalar, and the settings
 * records: PyTorch's defaults and the argument checks.
 */
class UpdateRulesTest {
    private static final float A = 0.7f;
    private static final float B = -0.3f;
    private static final float P0 = 1.2f;
    private static final int STEPS = 6;

    /** Rule (p, g, step) -> new p in double, with its own state; compared with the optimizer over STEPS steps. */
    private interface Rule {
        double next(double p, double g, int step);
    }

    private static void assertFollows(java.util.function.Function<List<Tensor>, Optimizer> make, Rule rule) {
        Tensor p = Tensor.of(new float[] {P0}).requiresGrad(true);
        Optimizer optimizer = make.apply(List.of(p));
        double expected = P0;
        for (int step = 1; step <= STEPS; step++) {
            optimizer.zeroGrad();
            p.mul(p).mul(A).add(p.mul(B)).sum().backward();
            optimizer.step();
            expected = rule.next(expected, 2 * A * expected + B, step);
            assertEquals(expected, p.toArray()[0], 1e-5 * Math.abs(expected) + 1e-6,
                    optimizer.getClass().getSimpleName() + " step " + step);
        }
    }

    @Test void sgdWithDampeningAndWeightDecay() {
        double lr = 0.1, momentum = 0.8, dampening = 0.3, wd = 0.1;
        double[] buf = new double[1];
        assertFollows(p -> new Sgd(p, new Sgd.Config(0.1f, 0.8f, 0.3f, 0.1f, false)), (p, g, step) -> {
            double d = g + wd * p;
            buf[0] = step == 1 ? d : momentum * buf[0] + (1 - dampening) * d;   // the first buffer is undamped
            return p - lr * buf[0];
        });
    }

    @Test void sgdNesterovWithWeightDecay() {
        double lr = 0.05, momentum = 0.9, wd = 0.01;
        double[] buf = new double[1];
        assertFollows(p -> new Sgd(p, new Sgd.Config(0.05f, 0.9f, 0f, 0.01f, true)), (p, g, step) -> {
            double d = g + wd * p;
            buf[0] = step == 1 ? d : momentum * buf[0] + d;
            return p - lr * (d + momentum * buf[0]);
        });
    }

    @Test void adaGradWithLrDecayWeightDecayAndInitialValue() {
        double lr = 0.1, lrDecay = 0.05, wd = 0.1, eps = 1e-10;
        double[] sum = {0.2};
        assertFollows(p -> new AdaGrad(p, new AdaGrad.Config(0.1f, 0.05f, 0.1f, 0.2f, 1e-10f)), (p, g, step) -> {
            double d = g + wd * p;
            sum[0] += d * d;
            return p - lr / (1 + (step - 1) * lrDecay) * d / (Math.sqrt(sum[0]) + eps);
        });
    }

    @Test void rmsPropCenteredWithMomentumAndWeightDecay() {
        double lr = 0.01, alpha = 0.9, eps = 1e-8, wd = 0.1, momentum = 0.5;
        double[] v = new double[1];
        double[] m = new double[1];
        double[] buf = new double[1];
        assertFollows(p -> new RmsProp(p, new RmsProp.Config(0.01f, 0.9f, 1e-8f, 0.1f, 0.5f, true)), (p, g, step) -> {
            double d = g + wd * p;
            v[0] = alpha * v[0] + (1 - alpha) * d * d;
            m[0] = alpha * m[0] + (1 - alpha) * d;
            buf[0] = momentum * buf[0] + d / (Math.sqrt(v[0] - m[0] * m[0]) + eps);
            return p - lr * buf[0];
        });
    }

    @Test void rmsPropWithMomentumOnly() {
        double lr = 0.01, alpha = 0.99, eps = 1e-8, momentum = 0.9;
        double[] v = new double[1];
        double[] buf = new double[1];
        assertFollows(p -> new RmsProp(p, RmsProp.Config.defaults().withMomentum(0.9f)), (p, g, step) -> {
            v[0] = alpha * v[0] + (1 - alpha) * g * g;
            buf[0] = momentum * buf[0] + g / (Math.sqrt(v[0]) + eps);
            return p - lr * buf[0];
        });
    }

    /** Adam's moment update in double, after the gradient {@code g} has its weight decay. */
    private static Rule adam(double lr, double wdL2, double wdDecoupled) {
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        double[] m = new double[1];
        double[] v = new double[1];
        return (p, g, step) -> {
            p = p * (1 - lr * wdDecoupled);
            double d = g + wdL2 * p;
            m[0] = beta1 * m[0] + (1 - beta1) * d;
            v[0] = beta2 * v[0] + (1 - beta2) * d * d;
            double denom = Math.sqrt(v[0]) / Math.sqrt(1 - Math.pow(beta2, step)) + eps;
            return p - lr / (1 - Math.pow(beta1, step)) * m[0] / denom;
        };
    }

    @Test void adamWithL2WeightDecayAndAdamWWithDecoupledDecay() {
        assertFollows(p -> new Adam(p, Adam.Config.defaults().withLr(0.05f).withWeightDecay(0.5f)), adam(0.05, 0.5, 0));
        assertFollows(p -> new AdamW(p, AdamW.Config.defaults().withLr(0.05f).withWeightDecay(0.5f)), adam(0.05, 0, 0.5));
    }

    @Test void adaDeltaWithWeightDecay() {
        double lr = 0.5, rho = 0.95, eps = 1e-6, wd = 0.1;
        double[] v = new double[1];
        double[] u = new double[1];
        assertFollows(p -> new AdaDelta(p, new AdaDelta.Config(0.5f, 0.95f, 1e-6f, 0.1f)), (p, g, step) -> {
            double d = g + wd * p;
            v[0] = rho * v[0] + (1 - rho) * d * d;
            double delta = Math.sqrt(u[0] + eps) / Math.sqrt(v[0] + eps) * d;
            u[0] = rho * u[0] + (1 - rho) * delta * delta;
            return p - lr * delta;
        });
    }

    @Test void defaultsArePyTorchs() {
        assertEquals(new Sgd.Config(1e-3f, 0f, 0f, 0f, false), Sgd.Config.defaults());
        assertEquals(new AdaGrad.Config(1e-2f, 0f, 0f, 0f, 1e-10f), AdaGrad.Config.defaults());
        assertEquals(new RmsProp.Config(1e-2f, 0.99f, 1e-8f, 0f, 0f, false), RmsProp.Config.defaults());
        assertEquals(new Adam.Config(1e-3f, 0.9f, 0.999f, 1e-8f, 0f), Adam.Config.defaults());
        assertEquals(new AdamW.Config(1e-3f, 0.9f, 0.999f, 1e-8f, 1e-2f), AdamW.Config.defaults());
        assertEquals(new AdaDelta.Config(1f, 0.9f, 1e-6f, 0f), AdaDelta.Config.defaults());
    }

    private static void assertRejects(String message, Runnable make) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make::run).getMessage());
    }

    @Test void settingsAreChecked() {
        assertRejects("Sgd: lr must be a finite number >= 0; got -0.1", () -> Sgd.Config.defaults().withLr(-0.1f));
        assertRejects("Sgd: momentum must be a finite number >= 0; got -0.9", () -> Sgd.Config.defaults().withMomentum(-0.9f));
        assertRejects("Sgd: nesterov needs momentum > 0 and dampening 0; got momentum=0.0, dampening=0.0",
                () -> Sgd.Config.defaults().withNesterov(true));
        assertRejects("Sgd: nesterov needs momentum > 0 and dampening 0; got momentum=0.9, dampening=0.1",
                () -> Sgd.Config.defaults().withMomentum(0.9f).withDampening(0.1f).withNesterov(true));
        assertRejects("Adam: betas must be in [0, 1); got (1.0, 0.999)", () -> Adam.Config.defaults().withBetas(1f, 0.999f));
        assertRejects("AdamW: betas must be in [0, 1); got (0.9, -0.1)", () -> AdamW.Config.defaults().withBetas(0.9f, -0.1f));
        assertRejects("Adam: lr must be a finite number >= 0; got NaN", () -> Adam.Config.defaults().withLr(Float.NaN));
        assertRejects("AdamW: weightDecay must be a finite number >= 0; got -0.01",
                () -> AdamW.Config.defaults().withWeightDecay(-0.01f));
        assertRejects("AdaGrad: lrDecay must be a finite number >= 0; got -1.0", () -> AdaGrad.Config.defaults().withLrDecay(-1));
        assertRejects("AdaGrad: eps must be a finite number >= 0; got -1.0E-10", () -> AdaGrad.Config.defaults().withEps(-1e-10f));
        assertRejects("RmsProp: alpha must be a finite number >= 0; got -0.99", () -> RmsProp.Config.defaults().withAlpha(-0.99f));
        assertRejects("AdaDelta: rho must be in [0, 1]; got 1.5", () -> AdaDelta.Config.defaults().withRho(1.5f));
        assertRejects("AdaDelta: eps must be a finite number >= 0; got Infinity",
                () -> AdaDelta.Config.defaults().withEps(Float.POSITIVE_INFINITY));
    }

    @Test void withersChangeOneSetting() {
        RmsProp.Config config = RmsProp.Config.defaults().withLr(0.1f).withAlpha(0.9f).withEps(1e-6f)
                .withWeightDecay(0.2f).withMomentum(0.5f).withCentered(true);
        assertEquals(new RmsProp.Config(0.1f, 0.9f, 1e-6f, 0.2f, 0.5f, true), config);
        assertEquals(new AdaGrad.Config(0.1f, 0.2f, 0.3f, 0.4f, 0.5f), AdaGrad.Config.defaults().withLr(0.1f)
                .withLrDecay(0.2f).withWeightDecay(0.3f).withInitialAccumulatorValue(0.4f).withEps(0.5f));
    }
}
