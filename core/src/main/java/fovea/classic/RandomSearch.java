package fovea.classic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Random hyperparameter search, coarse to fine, as the course recommends: every hyperparameter is drawn log-uniformly
 * from its range (random rather than grid search, since some hyperparameters matter much more than others); a coarse
 * stage of cheap trials (e.g. one epoch) over wide ranges, then a fine stage over ranges narrowed to the best coarse
 * trials, with longer training. Trials are scored by validation accuracy.
 */
public final class RandomSearch {
    /** A hyperparameter's range, drawn as 10^u with u uniform in [log10 low, log10 high]. */
    public record Range(String name, double low, double high) {
        /** Checks 0 < low <= high. */
        public Range {
            if (!(low > 0) || !(high >= low)) {
                throw new IllegalArgumentException("RandomSearch.Range: " + name + " must have 0 < low <= high; got "
                        + low + " and " + high);
            }
        }

        /** A log-uniform draw. */
        public double draw(RandomGenerator random) {
            double u = Math.log10(low) + random.nextDouble() * (Math.log10(high) - Math.log10(low));
            return Math.pow(10, u);
        }

        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "%s in [%.3g, %.3g]", name, low, high);
        }
    }

    /** One trial: its stage (1 coarse, 2 fine), its setting by name, and its validation accuracy. */
    public record Trial(int stage, Map<String, Double> setting, double validationAccuracy) {}

    /** What a trial measures: the validation accuracy of one setting, trained as the stage says (1 coarse, 2 fine). */
    @FunctionalInterface
    public interface Objective {
        /** The validation accuracy of {@code setting} trained for stage {@code stage}. */
        double evaluate(Map<String, Double> setting, int stage);
    }

    /** The result: every trial sorted by validation accuracy (best first), and the fine stage's ranges. */
    public record Result(List<Trial> trials, List<Range> fineRanges) {
        /** The trial of highest validation accuracy. */
        public Trial best() {
            return trials.get(0);
        }
    }

    private RandomSearch() {}

    /**
     * Runs {@code coarseTrials} over {@code ranges}, narrows the ranges to the best {@code keep} coarse trials
     * ({@link #narrow}), and runs {@code fineTrials} there; {@code onTrial} hears of each trial as it finishes.
     */
    public static Result run(List<Range> ranges, int coarseTrials, int fineTrials, int keep, RandomGenerator random,
                             Objective objective, Consumer<Trial> onTrial) {
        if (ranges.isEmpty() || coarseTrials < 1 || fineTrials < 0 || keep < 1) {
            throw new IllegalArgumentException("RandomSearch.run: expected ranges, coarseTrials >= 1, fineTrials >= 0 and "
                    + "keep >= 1; got " + ranges.size() + " ranges, " + coarseTrials + ", " + fineTrials + ", " + keep);
        }
        List<Trial> coarse = stage(1, ranges, coarseTrials, random, objective, onTrial);
        List<Range> fineRanges = narrow(ranges, sorted(coarse).subList(0, Math.min(keep, coarse.size())));
        List<Trial> all = new ArrayList<>(coarse);
        all.addAll(stage(2, fineRanges, fineTrials, random, objective, onTrial));
        return new Result(sorted(all), fineRanges);
    }

    /**
     * Ranges narrowed to the span of the given trials' values, widened by a quarter of a decade on each side (so a
     * best value at the edge can still move) and kept inside the original range.
     */
    public static List<Range> narrow(List<Range> ranges, List<Trial> best) {
        List<Range> narrowed = new ArrayList<>();
        for (Range range : ranges) {
            double low = Double.POSITIVE_INFINITY, high = 0;
            for (Trial trial : best) {
                low = Math.min(low, trial.setting().get(range.name()));
                high = Math.max(high, trial.setting().get(range.name()));
            }
            narrowed.add(new Range(range.name(), Math.max(range.low(), low / Math.pow(10, 0.25)),
                    Math.min(range.high(), high * Math.pow(10, 0.25))));
        }
        return narrowed;
    }

    private static List<Trial> stage(int stage, List<Range> ranges, int trials, RandomGenerator random, Objective objective,
                                     Consumer<Trial> onTrial) {
        List<Trial> results = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, Double> setting = new LinkedHashMap<>();
            for (Range range : ranges) setting.put(range.name(), range.draw(random));
            Trial trial = new Trial(stage, java.util.Collections.unmodifiableMap(setting), objective.evaluate(setting, stage));
            results.add(trial);
            if (onTrial != null) onTrial.accept(trial);
        }
        return results;
    }

    private static List<Trial> sorted(List<Trial> trials) {
        List<Trial> sorted = new ArrayList<>(trials);
        // NaN (a diverged trial) sorts last
        sorted.sort(Comparator.comparingDouble((Trial t) -> Double.isNaN(t.validationAccuracy()) ? Double.NEGATIVE_INFINITY
                : t.validationAccuracy()).reversed());
        return List.copyOf(sorted);
    }
}
