package fovea.train;

import fovea.train.Diagnostics.Figure;
import fovea.train.Diagnostics.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run's diagnostics as a person should read them. Each figure is shown once, on one line (and one more for its
 * warnings); after that a value is shown again only when it changed materially since it was last shown: it started
 * to warn, or it moved by the figure's margin ({@link Figure#movedFrom}). A warning that stops is not news by
 * itself: the update ratios are judged low at the first step only, and a value just under a threshold it was just
 * over says nothing new. Advice that repeats on a healthy run teaches people to ignore it. Every value of every
 * epoch is kept for {@link #report()}.
 */
public final class DiagnosticsLog {
    /** Up to this many values a line lists them all; beyond, it gives their range and the highest. */
    static final int LISTED = 6;

    private record Shown(int epoch, Finding finding) {}

    private final Map<Figure, Map<String, Shown>> shown = new EnumMap<>(Figure.class);
    private final Map<Figure, TreeMap<Integer, List<Finding>>> measured = new EnumMap<>(Figure.class);
    private final List<String> lines = new ArrayList<>();

    /**
     * Records what one check found at {@code epoch} (all of one figure) and returns the lines to show now, often
     * none: "check: ..." for figures, "warning: ..." with advice for a value outside the healthy range.
     */
    public List<String> add(int epoch, List<Finding> findings) {
        if (findings.isEmpty()) return List.of();
        Figure figure = findings.get(0).figure();
        for (Finding f : findings) {
            if (f.figure() != figure) throw new IllegalArgumentException("DiagnosticsLog.add: expected findings of one figure; got "
                    + figure + " and " + f.figure());
        }
        measured.computeIfAbsent(figure, k -> new TreeMap<>()).put(epoch, List.copyOf(findings));
        Map<String, Shown> before = shown.computeIfAbsent(figure, k -> new LinkedHashMap<>());
        List<Finding> changed = new ArrayList<>();
        for (Finding f : findings) {
            Shown last = before.get(f.subject());
            if (last == null || f.warning() && !last.finding().warning() || figure.movedFrom(last.finding().value(), f.value())) {
                changed.add(f);
            }
        }
        if (changed.isEmpty()) return List.of();
        List<String> now = new ArrayList<>();
        Map<String, Shown> last = before.isEmpty() ? null : Map.copyOf(before);
        List<Finding> healthy = changed.stream().filter(f -> !f.warning()).toList();
        if (!healthy.isEmpty()) now.add("check: " + line(figure, epoch, healthy, findings.size(), last));
        Map<String, List<Finding>> byAdvice = new LinkedHashMap<>();
        for (Finding f : changed) if (f.warning()) byAdvice.computeIfAbsent(f.advice(), k -> new ArrayList<>()).add(f);
        byAdvice.forEach((advice, list) -> now.add("warning: " + line(figure, epoch, list, findings.size(), last)
                + (figure == Figure.INITIAL_LOSS ? "" : "; " + advice)));
        for (Finding f : changed) before.put(f.subject(), new Shown(epoch, f));
        lines.addAll(now);
        return now;
    }

    /** The lines shown so far. */
    public List<String> shown() {
        return List.copyOf(lines);
    }

    /** What was shown, then every figure at every epoch: one row per parameter or layer, one column per epoch. */
    public String report() {
        StringBuilder out = new StringBuilder("shown during the run:\n");
        for (String line : lines) out.append("  ").append(line).append('\n');
        if (lines.isEmpty()) out.append("  nothing\n");
        measured.forEach((figure, byEpoch) -> out.append('\n').append(table(figure, byEpoch)));
        return out.toString();
    }

    /**
     * One line about {@code findings}, some of the {@code total} values of a figure: each value with the one last
     * shown, or for many their range and the highest.
     */
    private static String line(Figure figure, int epoch, List<Finding> findings, int total, Map<String, Shown> last) {
        if (figure == Figure.INITIAL_LOSS) return findings.get(0).message();
        String head = figure.title("epoch " + epoch) + ": ";
        if (findings.size() <= LISTED) {
            List<String> parts = new ArrayList<>();
            for (Finding f : findings) {
                Shown was = last == null ? null : last.get(f.subject());
                parts.add(label(f.subject()) + " " + figure.format(f.value()) + (was == null ? ""
                        : " (was " + figure.format(was.finding().value()) + " at epoch " + was.epoch() + ")"));
            }
            return head + String.join(", ", parts);
        }
        Finding low = findings.get(0);
        Finding high = findings.get(0);
        for (Finding f : findings) {
            if (f.value() < low.value()) low = f;
            if (f.value() > high.value()) high = f;
        }
        String count = findings.size() == total ? "over " + total : "in " + findings.size() + " of " + total;
        return head + figure.format(low.value()) + " to " + figure.format(high.value()) + " " + count + " "
                + figure.subjects() + " (highest: " + label(high.subject()) + " " + figure.format(high.value()) + ")";
    }

    /** A subject as a person reads it: a module known only by its index in a Sequential is "layer 2", not "2". */
    private static String label(String subject) {
        return subject.matches("[0-9]+") ? "layer " + subject : subject;
    }

    private static String table(Figure figure, TreeMap<Integer, List<Finding>> byEpoch) {
        Set<String> subjects = new LinkedHashSet<>();
        byEpoch.values().forEach(list -> list.forEach(f -> subjects.add(f.subject())));
        int width = Math.max(figure == Figure.INITIAL_LOSS ? 4 : 9, subjects.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder(figure.title("each epoch")).append(" (* warns)\n");
        out.append(String.format(Locale.ROOT, "%-" + width + "s", figure == Figure.INITIAL_LOSS ? "" : "epoch"));
        for (int epoch : byEpoch.keySet()) out.append(String.format(Locale.ROOT, " %9d", epoch));
        out.append("\n");
        for (String subject : subjects) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", subject));
            for (List<Finding> list : byEpoch.values()) {
                Finding f = list.stream().filter(x -> x.subject().equals(subject)).findFirst().orElse(null);
                String cell = f == null ? "-" : figure.format(f.value()) + (f.warning() ? "*" : " ");
                out.append(String.format(Locale.ROOT, " %9s", cell));
            }
            out.setLength(out.toString().stripTrailing().length());
            out.append('\n');
        }
        return out.toString();
    }
}
