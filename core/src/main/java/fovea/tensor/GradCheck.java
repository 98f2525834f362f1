package fovea.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A finite-difference check of the derivatives of any function of tensors: the course's gradient check.
 *
 * <p>The function's output is projected onto a fixed random tensor r, L = sum(f(x) * r) (accumulated in double),
 * so every output element takes part. For each input element, the analytic dL/dx from backward is compared
 * with the central difference (L(x + h) - L(x - h)) / 2h, with h = step * max(1, |x|).
 *
 * <p>Precision: the function runs in float32, so the numeric derivative carries a rounding error of about
 * 1e-7 |L| / h and a truncation error of order h^2. With the default step 1e-2 the two agree to about 1e-3
 * for smooth functions, hence the default tolerance of 1e-2 on the error
 * |analytic - numeric| / max(|analytic|, |numeric|, 1e-2), which a wrong derivative (a missing factor, a
 * wrong sign, a gradient sent to the wrong input) exceeds by far. Keep inputs at least 10 h away from kinks
 * (relu at 0, max ties, abs at 0): there the two one-sided derivatives differ and the check is meaningless.
 */
public final class GradCheck {
    private static final double FLOOR = 1e-2;

    private GradCheck() {}

    /** Settings of a check: the relative step h and the largest error that still passes. */
    public record Config(double step, double tolerance, long seed) {
        public Config {
            if (!(step > 0) || !(tolerance > 0)) {
                throw new IllegalArgumentException("GradCheck: step and tolerance must be > 0; got step=" + step
                        + ", tolerance=" + tolerance);
            }
        }

        /** Step 1e-2, tolerance 1e-2, projection seed 1. */
        public static Config defaults() {
            return new Config(1e-2, 1e-2, 1);
        }

        /** These settings with another tolerance. */
        public Config withTolerance(double value) {
            return new Config(step, value, seed);
        }
    }

    /** One compared element: which input and element, both derivatives, and their relative error. */
    public record Element(String op, int input, int element, double analytic, double numeric, double error) {
        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: input %d element %d: analytic %.6g, numeric %.6g, "
                    + "relative error %.3g", op, input, element, analytic, numeric, error);
        }
    }

    /** The outcome: every element whose error exceeded the tolerance, and the worst one seen. */
    public record Report(String op, int checked, double tolerance, Element worst, List<Element> failures) {
        /** True when no element exceeded the tolerance. */
        public boolean passed() {
            return failures.isEmpty();
        }

        @Override public String toString() {
            StringBuilder text = new StringBuilder("GradCheck " + op + ": " + (passed() ? "passed" : "FAILED")
                    + ", " + checked + " elements, worst relative error "
                    + (worst == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3g", worst.error()))
                    + " (tolerance " + tolerance + ")");
            for (int i = 0; i < Math.min(10, failures.size()); i++) text.append("\n  ").append(failures.get(i));
            if (failures.size() > 10) text.append("\n  ... and ").append(failures.size() - 10).append(" more");
            return text.toString();
        }
    }

    /** Checks {@code f} at {@code inputs} with the default settings. */
    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(Config.defaults(), f, inputs);
    }

    /** Checks the derivatives of {@code f} with respect to every input at the given point. */
    public static Report check(Config config, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) leaves[i] = new Tensor(inputs[i].toArray(), inputs[i].shape()).requiresGrad(true);
        Tensor out = f.apply(leaves);
        String op = out.op() == null ? "f" : out.op();
        Tensor projection = Tensor.rand(new SplittableRandom(config.seed()), out.shape().dims()).mul(2f).sub(1f);
        if (!out.requiresGrad()) {
            throw new IllegalArgumentException("GradCheck: the function's output " + out.shape()
                    + " does not depend on its inputs through recorded ops");
        }
        out.backward(projection);
        List<Element> failures = new ArrayList<>();
        Element worst = null;
        int checked = 0;
        for (int i = 0; i < leaves.length; i++) {
            float[] values = leaves[i].data;
            Tensor grad = leaves[i].grad();
            for (int e = 0; e < values.length; e++) {
                double analytic = grad == null ? 0 : grad.data[e];
                double numeric = numericDerivative(config, f, leaves, projection, values, e);
                double error = Math.abs(analytic - numeric) / Math.max(FLOOR, Math.max(Math.abs(analytic), Math.abs(numeric)));
                Element element = new Element(op, i, e, analytic, numeric, error);
                if (worst == null || error > worst.error()) worst = element;
                if (!(error <= config.tolerance())) failures.add(element);
                checked++;
            }
        }
        return new Report(op, checked, config.tolerance(), worst, List.copyOf(failures));
    }

    private static double numericDerivative(Config config, Function<Tensor[], Tensor> f, Tensor[] leaves,
                                            Tensor projection, float[] values, int element) {
        float original = values[element];
        float h = (float) (config.step() * Math.max(1, Math.abs(original)));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            values[element] = original + h;
            double plus = project(f.apply(leaves), projection);
            values[element] = original - h;
            double minus = project(f.apply(leaves), projection);
            // the actual distance between the two float arguments, not the intended 2h
            double width = (double) (original + h) - (double) (original - h);
            return (plus - minus) / width;
        } finally {
            values[element] = original;
        }
    }

    private static double project(Tensor out, Tensor projection) {
        double total = 0;
        for (int i = 0; i < out.data.length; i++) total += (double) out.data[i] * projection.data[i];
        return total;
    }
}
