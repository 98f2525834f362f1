package fovea.cli.classify;

import fovea.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The options that make a {@code fovea train} run what it is, as its checkpoint records them (option name to the
 * value in effect, as it would be typed), and how {@code --resume} reads them back: an option left out takes the
 * recorded value, one given with another value is a usage error, {@code --epochs} may extend the run.
 */
final class RecordedOptions {
    /** The checkpoint's key for the options. */
    static final String KEY = "options";
    /** The options recorded; --epochs is recorded too, as the run's length. */
    static final List<String> NAMES = List.of("--model", "--arch", "--data", "--epochs", "--batch-size", "--optimizer",
            "--lr", "--schedule", "--weight-decay", "--augment", "--validation", "--image-size", "--limit-train", "--seed");

    private RecordedOptions() {}

    /** The options of {@code spec} as recorded: each one's value, with {@code effective} values (a default lr) winning. */
    static String record(CommandSpec spec, Map<String, String> effective) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = effective.containsKey(name) ? effective.get(name) : text(spec.findOption(name).getValue());
            if (value != null) recorded.put(name, value);
        }
        return Json.write(recorded);
    }

    /**
     * Sets every recorded option that was not given to its recorded value; an option given with another value than
     * the recorded one is a usage error naming both ({@code --epochs} excepted: it may extend the run).
     */
    static void apply(CommandSpec spec, String json, Path checkpoint) {
        Map<?, ?> recorded;
        try {
            recorded = (Map<?, ?>) Json.parse(json, checkpoint + " (metadata " + KEY + ")");
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ParameterException(spec.commandLine(), "--resume: " + checkpoint + " records its options in a form "
                    + "this version cannot read: " + e.getMessage());
        }
        List<String> contradictions = new ArrayList<>();
        for (String name : NAMES) {
            OptionSpec option = spec.findOption(name);
            Object value = recorded.get(name);
            boolean given = spec.commandLine().getParseResult().hasMatchedOption(name);
            if (value == null) {
                if (given && !name.equals("--epochs")) contradictions.add(name + " was not given to the run; got " + name + " "
                        + text(option.getValue()));
                continue;
            }
            String recordedText = String.valueOf(value);
            if (!given) {
                try {
                    option.setValue(parse(option, recordedText));
                } catch (RuntimeException e) {
                    throw new ParameterException(spec.commandLine(), "--resume: " + checkpoint + " records " + name + " '"
                            + recordedText + "', which is not a valid value; expected " + option.paramLabel());
                }
            } else if (!name.equals("--epochs") && !same(option, recordedText)) {
                contradictions.add(name + " " + recordedText + " in the run; got " + name + " " + text(option.getValue()));
            }
        }
        if (!contradictions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume: the options contradict the run in " + checkpoint
                    + " (" + String.join("; ", contradictions) + "); leave them out to continue it as it was");
        }
    }

    /** Whether the option's value is the recorded one, read as the option's type (0.01 and 1e-2 agree). */
    private static boolean same(OptionSpec option, String recorded) {
        try {
            return java.util.Objects.equals(parse(option, recorded), option.getValue());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The value as typed: lists comma-separated, null for an option without a value. */
    static String text(Object value) {
        if (value == null) return null;
        if (value instanceof List<?> list) return String.join(",", list.stream().map(String::valueOf).toList());
        return String.valueOf(value);
    }

    private static Object parse(OptionSpec option, String text) {
        Class<?> type = option.type();
        if (type == int.class || type == Integer.class) return Integer.parseInt(text);
        if (type == long.class || type == Long.class) return Long.parseLong(text);
        if (type == float.class || type == Float.class) return Float.parseFloat(text);
        if (type == double.class || type == Double.class) return Double.parseDouble(text);
        if (List.class.isAssignableFrom(type)) return new ArrayList<>(text.isEmpty() ? List.of() : Arrays.asList(text.split(",")));
        if (type == Path.class) return Path.of(text);
        return text;
    }
}
