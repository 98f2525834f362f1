package fovea.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Helpers shared by the commands: turning a bad argument into picocli's one-line usage error (exit code 2), and the
 * names close to a misspelt one ("did you mean train?").
 */
public final class Cli {
    private Cli() {}

    /**
     * A usage error "OPTION must be EXPECTED; got VALUE" unless {@code ok}. The commands check every number they
     * were given this way before they read any data, so that a typo costs no waiting.
     */
    public static void require(CommandSpec spec, boolean ok, String option, String expected, Object value) {
        if (!ok) throw new CommandLine.ParameterException(spec.commandLine(), option + " must be " + expected + "; got " + value);
    }

    /** A usage error unless {@code value >= min}. */
    public static void atLeast(CommandSpec spec, String option, long value, long min) {
        require(spec, value >= min, option, ">= " + min, value);
    }

    /** A usage error unless {@code value} is a finite number >= {@code min}. */
    public static void atLeast(CommandSpec spec, String option, double value, double min) {
        require(spec, value >= min && Double.isFinite(value), option, "a finite number >= " + number(min), number(value));
    }

    /** A usage error unless {@code value} is a finite number > {@code min}. */
    public static void above(CommandSpec spec, String option, double value, double min) {
        require(spec, value > min && Double.isFinite(value), option, "a finite number > " + number(min), number(value));
    }

    /** A usage error unless {@code low <= value < high}, as a probability or a fraction: "in [0, 1)". */
    public static void inRange(CommandSpec spec, String option, double value, double low, double high) {
        require(spec, value >= low && value < high, option, "in [" + number(low) + ", " + number(high) + ")", number(value));
    }

    /** A float option widened to double, printed as the float it was (0.1, not 0.10000000149011612); 1 not 1.0. */
    public static String number(double value) {
        return Numbers.of(value);
    }

    /**
     * A usage error for a name that is none of {@code names}: "unknown WHAT 'VALUE'; did you mean A or B?" when some
     * are close to it ({@link #closest}), else "...; expected A, B or C".
     */
    public static CommandLine.ParameterException unknown(CommandSpec spec, String what, String value,
                                                         Collection<String> names) {
        return new CommandLine.ParameterException(spec.commandLine(), unknownName(what, value, names));
    }

    /** The message of {@link #unknown}. */
    public static String unknownName(String what, String value, Collection<String> names) {
        List<String> close = closest(value, names);
        return "unknown " + what + " '" + value + "'; "
                + (close.isEmpty() ? "expected " + or(List.copyOf(names)) : "did you mean " + or(close) + "?");
    }

    /**
     * The names a person probably meant by {@code given}, case ignored: those it begins ("resnet" means resnet18,
     * resnet34 ...), else those within a few typing slips of it (one for each three letters, at least one; a swap of
     * two letters is one), nearest first; none when none is close, or when it has fewer than two letters (leading
     * dashes not counted).
     */
    public static List<String> closest(String given, Collection<String> names) {
        String typed = given.toLowerCase(Locale.ROOT);
        int letters = typed.replaceFirst("^-+", "").length();
        if (letters < 2) return List.of();     // one letter is a slip away from every other
        List<String> begun = new ArrayList<>();
        for (String name : names) if (name.toLowerCase(Locale.ROOT).startsWith(typed)) begun.add(name);
        if (!begun.isEmpty()) return begun;
        int slips = Math.max(1, letters / 3);
        List<String> near = new ArrayList<>();
        for (String name : names) if (slips(typed, name.toLowerCase(Locale.ROOT)) <= slips) near.add(name);
        near.sort(Comparator.comparingInt(name -> slips(typed, name.toLowerCase(Locale.ROOT))));
        return near;
    }

    /** "a", "a or b", "a, b or c". */
    private static String or(List<String> names) {
        if (names.size() <= 1) return String.join("", names);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The edit distance counting a swap of two neighbouring letters as one slip (optimal string alignment). */
    private static int slips(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
