package fovea.train;

import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Trace;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The course's "babysitting the learning process" checks, as messages: each returns what it found and, when
 * something looks wrong, advice. The library prints nothing; callers decide where the messages go.
 */
public final class Diagnostics {
    /** How far (relative) the first loss may be from ln(C) before it is reported. */
    static final double INITIAL_LOSS_TOLERANCE = 0.25;
    /** The band around 1e-3 within which an update-to-weight ratio is considered healthy. */
    static final double RATIO_LOW = 1e-4;
    static final double RATIO_HIGH = 1e-2;

    private Diagnostics() {}

    /** A finding: true when it is a warning, and the text. */
    public record Finding(boolean warning, String message) {}

    /** The first loss of a softmax classifier with small weights should be about ln(C). */
    public static Finding initialLoss(double loss, int classes) {
        double expected = Math.log(classes);
        boolean far = !Double.isFinite(loss) || Math.abs(loss - expected) > INITIAL_LOSS_TOLERANCE * expected;
        String text = String.format(Locale.ROOT, "loss at initialization %.4f; expected about ln(%d) = %.4f for %d classes",
                loss, classes, expected, classes);
        return new Finding(far, far ? text + ": check the weight scale (too large?) and the loss" : text);
    }

    /** Per ReLU layer, the fraction of its units that are zero for every example of the batch ("dead"). */
    public static Map<String, Double> deadRelus(Module model, Tensor batch) {
        Map<String, Double> dead = new LinkedHashMap<>();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (Trace.Step step : Trace.run(model, batch)) {
                if (!(step.module() instanceof Relu)) continue;
                Tensor out = step.output();
                Tensor units = out.reshape(out.size(0), -1).gt(0f).sum(0, false);   // active count per unit
                dead.put(step.name(), (double) units.eq(0f).sum().item() / units.numel());
            }
        }
        return dead;
    }

    /** Warns about ReLU layers with more than half their units dead. */
    public static List<Finding> deadReluFindings(Map<String, Double> dead) {
        List<Finding> findings = new ArrayList<>();
        dead.forEach((layer, fraction) -> {
            boolean bad = fraction > 0.5;
            String text = String.format(Locale.ROOT, "layer %s: %.1f%% of ReLU units dead on this batch", layer, 100 * fraction);
            findings.add(new Finding(bad, bad ? text + ": lower the learning rate or check the initialization" : text));
        });
        return findings;
    }

    /**
     * The ratio ||after - before|| / ||before|| per parameter for one optimizer step: the course's rule of thumb
     * is about 1e-3; much lower means the learning rate is too low, much higher too high.
     */
    public static Map<String, Double> updateRatios(Map<String, float[]> before, Map<String, Tensor> after) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        before.forEach((name, old) -> {
            float[] now = after.get(name).toArray();
            double update = 0;
            double weight = 0;
            for (int i = 0; i < old.length; i++) {
                double d = now[i] - old[i];
                update += d * d;
                weight += (double) old[i] * old[i];
            }
            if (weight > 0) ratios.put(name, Math.sqrt(update / weight));
        });
        return ratios;
    }

    /** Warns about parameters whose update ratio is outside [1e-4, 1e-2]. */
    public static List<Finding> updateRatioFindings(Map<String, Double> ratios) {
        List<Finding> findings = new ArrayList<>();
        ratios.forEach((name, ratio) -> {
            boolean low = ratio < RATIO_LOW;
            boolean high = ratio > RATIO_HIGH;
            String text = String.format(Locale.ROOT, "%s: update/weight ratio %.2e (about 1e-3 is healthy)", name, ratio);
            findings.add(new Finding(low || high, low ? text + ": the learning rate may be too low"
                    : high ? text + ": the learning rate may be too high" : text));
        });
        return findings;
    }

    /** The first layer whose output holds a NaN or an infinity for {@code batch}, or null if all are finite. */
    public static String firstNonFiniteLayer(Module model, Tensor batch) {
        if (!finite(batch)) return "the input batch";
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Trace.Step step = Trace.firstWhere(model, batch, s -> !finite(s.output()));
            return step == null ? null : step.name() + " (" + step.module() + ")";
        }
    }

    /** True when every value is finite. */
    public static boolean finite(Tensor t) {
        for (float v : t.toArray()) if (!Float.isFinite(v)) return false;
        return true;
    }
}
