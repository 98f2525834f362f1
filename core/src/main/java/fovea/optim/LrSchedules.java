package fovea.optim;

import java.util.List;
import java.util.Locale;

/**
 * The learning-rate schedules a front end names (a command line's {@code --schedule}), each set from the length of the
 * run in the scheduler's unit (epochs, or optimizer steps for a per-step scheduler), so that every front end offers the
 * same names with the same meaning.
 */
public final class LrSchedules {
    private LrSchedules() {}

    /** How a named schedule is driven. */
    public enum Kind {
        /** No schedule: the rate stays. */
        NONE,
        /** A closed-form {@link LrSchedule}, applied by an {@link LrScheduler}. */
        CLOSED_FORM,
        /** A {@link ReduceOnPlateau}, fed a metric after every epoch. */
        PLATEAU
    }

    /** Makes a closed-form schedule from the base rate and the run's length. */
    @FunctionalInterface
    public interface Factory {
        /** The schedule for a run of {@code length} epochs or steps from {@code baseLr}. */
        LrSchedule create(float baseLr, int length);
    }

    /** A named schedule: its name, how it is driven, what it does, and for a closed form its factory (else null). */
    public record Entry(String name, Kind kind, String description, Factory factory) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry("none", Kind.NONE, "the rate stays", null),
            new Entry("step", Kind.CLOSED_FORM, "divided by 10 after every third of the run",
                    (lr, n) -> new StepLr(lr, Math.max(1, n / 3), 0.1f)),
            new Entry("multistep", Kind.CLOSED_FORM, "divided by 10 at half and at three quarters of the run",
                    (lr, n) -> new MultiStepLr(lr, List.of(Math.max(1, n / 2), Math.max(2, n * 3 / 4)), 0.1f)),
            new Entry("exponential", Kind.CLOSED_FORM, "multiplied by 0.9 every epoch (or step)",
                    (lr, n) -> new ExponentialLr(lr, 0.9f)),
            new Entry("poly", Kind.CLOSED_FORM, "a straight line to 0 at the end of the run",
                    (lr, n) -> new PolynomialLr(lr, n, 1f)),
            new Entry("cosine", Kind.CLOSED_FORM, "half a cosine to 0 at the end of the run",
                    (lr, n) -> new CosineAnnealingLr(lr, n, 0f)),
            new Entry("plateau", Kind.PLATEAU, "divided by 10 when the accuracy has not improved for 2 epochs", null),
            new Entry("warmup", Kind.CLOSED_FORM, "a linear warm-up from a tenth over the first tenth of the run",
                    (lr, n) -> LinearWarmup.toConstant(lr, Math.max(1, n / 10), 0.1f)));

    /** Every named schedule, in the order a help text lists them. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The legal names, in order. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** The schedule named {@code name} (any case); an unknown name fails listing the legal ones. */
    public static Entry entry(String name) {
        String wanted = name == null ? null : name.toLowerCase(Locale.ROOT);
        for (Entry entry : ENTRIES) if (entry.name().equals(wanted)) return entry;
        throw new IllegalArgumentException("LrSchedules: unknown schedule '" + name + "'; expected one of "
                + String.join(", ", names()));
    }

    /** The closed-form schedule {@code name} for a run of {@code length} epochs or steps from {@code baseLr}. */
    public static LrSchedule schedule(String name, float baseLr, int length) {
        Entry entry = entry(name);
        if (entry.kind() != Kind.CLOSED_FORM) {
            throw new IllegalArgumentException("LrSchedules: '" + entry.name() + "' is not a closed-form schedule; expected "
                    + "one of " + String.join(", ", ENTRIES.stream().filter(e -> e.kind() == Kind.CLOSED_FORM)
                            .map(Entry::name).toList()));
        }
        Checks.positive("LrSchedules", "length", length);
        return entry.factory().create(baseLr, length);
    }

    /** The scheduler that applies {@code name} to every group of {@code optimizer}, stepped per {@code interval}. */
    public static LrScheduler scheduler(String name, Optimizer optimizer, int length, LrScheduler.Interval interval) {
        if (optimizer == null) throw new IllegalArgumentException("LrSchedules: expected an optimizer; got null");
        return new LrScheduler(optimizer, schedule(name, optimizer.lr(), length), interval);
    }

    /** The "plateau" schedule: every group's rate divided by 10 when the accuracy fed to it stalls for 2 epochs. */
    public static ReduceOnPlateau plateau(Optimizer optimizer) {
        return new ReduceOnPlateau(optimizer, ReduceOnPlateau.Config.defaults().withMode(ReduceOnPlateau.Mode.MAX)
                .withPatience(2));
    }
}
