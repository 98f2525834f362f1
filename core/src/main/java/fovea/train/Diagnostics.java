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
    /**
     * Above this a step moves a weight tensor by more than its own norm: the learning rate is far too high for any
     * optimizer. The course's 1e-3 holds for SGD; adaptive optimizers' first steps are much larger, since each weight
     * moves by about lr (Adam) or 10 lr (RMSprop), a ratio of that times sqrt(3 fanIn) under the default uniform
     * init. At their default rates the first step measured 1e-4 to 5e-4 with SGD, 5e-3 to 9e-2 with Adam and up to
     * 0.93 with RMSprop (an FC layer over 3136 inputs); Adam at lr 0.5 measured 4 to 14.
     */
    static final double RATIO_HIGH = 1;
    /** Below this, at the first step, the learning rate is far too low: SGD at lr 1e-4 measured 6e-7 to 2e-6. */
    static final double RATIO_LOW = 1e-5;
    /**
     * Above this fraction of dead units a ReLU layer is reported: healthy runs measured up to 67% on a batch of 64
     * (the FC256 layer before dropout of the 2-conv network), learning rates that kill the network 98-100%.
     */
    static final double DEAD_RELU_HIGH = 0.9;

    private Diagnostics() {}

    /** What a check measures: each figure has its value format and says when a value moved enough to be shown again. */
    public enum Figure {
        /** The loss of the first step. */
        INITIAL_LOSS("loss at initialization", "values"),
        /** Per weight tensor, ||update|| / ||weight|| at the first step of an epoch. */
        UPDATE_RATIO("update/weight ratio at the first step of %s", "weights"),
        /** Per ReLU layer, the fraction of units zero for every example of a training batch, after an epoch. */
        DEAD_RELUS("dead ReLU units after %s, on a training batch", "layers");

        /** How far a dead fraction must move from the value last shown: 10 percentage points. */
        static final double DEAD_RELU_MARGIN = 0.10;
        /** How many times larger an update ratio must grow; a falling ratio is what schedules and Adam's steps do. */
        static final double RATIO_GROWTH = 10;

        private final String title;
        private final String subjects;

        Figure(String title, String subjects) {
            this.title = title;
            this.subjects = subjects;
        }

        /** The name of the figure in a sentence, for one epoch ("epoch 3") or all ("each epoch"). */
        public String title(String epochs) {
            return title.replace("%s", epochs);
        }

        /** What the figure is measured per, in the plural: "weights", "layers". */
        public String subjects() {
            return subjects;
        }

        /** The value as people read this figure: 2.3026, 1.7e-02, 12.5%. */
        public String format(double value) {
            return switch (this) {
                case INITIAL_LOSS -> String.format(Locale.ROOT, "%.4f", value);
                case UPDATE_RATIO -> String.format(Locale.ROOT, "%.1e", value);
                case DEAD_RELUS -> String.format(Locale.ROOT, "%.1f%%", 100 * value);
            };
        }

        /** True when {@code now} differs materially from {@code shown}, the value last shown. */
        public boolean movedFrom(double shown, double now) {
            return switch (this) {
                case INITIAL_LOSS -> false;
                case UPDATE_RATIO -> now > RATIO_GROWTH * shown;
                case DEAD_RELUS -> Math.abs(now - shown) > DEAD_RELU_MARGIN;
            };
        }
    }

    /**
     * A finding: the figure, what it is about (a parameter, a layer, or "loss"), its value, the text, and the advice
     * when the value is far outside the healthy range (null when it is not).
     */
    public record Finding(Figure figure, String subject, double value, String message, String advice) {
        /** True when the value is far outside the healthy range. */
        public boolean warning() {
            return advice != null;
        }
    }

    /** The first loss of a softmax classifier with small weights should be about ln(C). */
    public static Finding initialLoss(double loss, int classes) {
        double expected = Math.log(classes);
        boolean far = !Double.isFinite(loss) || Math.abs(loss - expected) > INITIAL_LOSS_TOLERANCE * expected;
        String text = String.format(Locale.ROOT, "loss at initialization %.4f; expected about ln(%d) = %.4f for %d classes",
                loss, classes, expected, classes);
        String advice = far ? "check the weight scale (too large?) and the loss" : null;
        return new Finding(Figure.INITIAL_LOSS, "loss", loss, far ? text + ": " + advice : text, advice);
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

    /** Warns about ReLU layers with more than 90% of their units dead. */
    public static List<Finding> deadReluFindings(Map<String, Double> dead) {
        List<Finding> findings = new ArrayList<>();
        dead.forEach((layer, fraction) -> {
            String advice = fraction > DEAD_RELU_HIGH ? "over 90% of the units are zero for every image: lower the learning "
                    + "rate or check the initialization" : null;
            String text = String.format(Locale.ROOT, "layer %s: %.1f%% of ReLU units dead on a training batch", layer, 100 * fraction);
            findings.add(new Finding(Figure.DEAD_RELUS, layer, fraction, advice == null ? text : text + "; " + advice, advice));
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

    /**
     * Warns about parameters whose update ratio is above 1, or, at the first step of training ({@code firstStep}),
     * below 1e-5; later a low ratio is what a decaying schedule is for.
     */
    public static List<Finding> updateRatioFindings(Map<String, Double> ratios, boolean firstStep) {
        List<Finding> findings = new ArrayList<>();
        ratios.forEach((name, ratio) -> {
            String advice = !(ratio <= RATIO_HIGH) ? "a step moves the weights by more than their own size: the learning "
                    + "rate is too high"                                        // NaN too
                    : firstStep && ratio < RATIO_LOW ? "far below the usual 1e-3: the learning rate may be too low" : null;
            String text = String.format(Locale.ROOT, "%s: update/weight ratio %.1e", name, ratio);
            findings.add(new Finding(Figure.UPDATE_RATIO, name, ratio, advice == null ? text : text + "; " + advice, advice));
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
