package fovea.cli;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How the help is laid out: picocli's sections, wrapped at the terminal's width (80 to 120 columns) and only at spaces.
 * picocli's own wrapping breaks lines where {@link java.text.BreakIterator} allows, which is also after a dot, a slash or
 * a comma inside a word: "model." at the end of one line and "safetensors" on the next.
 */
final class HelpFormat {
    /** The narrowest help, and the widest: longer lines are hard to read. */
    static final int MIN_WIDTH = 80, MAX_WIDTH = 120;

    private HelpFormat() {}

    /**
     * Help for each command wrapped at spaces, at the width {@code width} gives for the first usage spec that asks
     * (the command's whose help is shown), the same for its subcommands.
     */
    static IHelpFactory factory(ToIntFunction<UsageMessageSpec> width) {
        AtomicInteger chosen = new AtomicInteger();
        return (spec, colors) -> {
            if (chosen.get() == 0) chosen.compareAndSet(0, width.applyAsInt(spec.usageMessage()));
            spec.usageMessage().width(chosen.get());
            return new WholeWords(spec, colors);
        };
    }

    /**
     * The terminal's width within [80, 120]: $COLUMNS when it is set (as {@code COLUMNS=100 fovea train --help} sets
     * it), else what picocli detects on a terminal, else 80.
     */
    static int terminalWidth(UsageMessageSpec usage) {
        String columns = System.getenv("COLUMNS");
        int width;
        if (columns != null && columns.matches("[0-9]{1,5}")) {
            width = Integer.parseInt(columns);
        } else {
            usage.width(MIN_WIDTH).autoWidth(true);
            width = usage.width();
            usage.autoWidth(false);
        }
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
    }

    /** picocli's help with every table built on {@link Table}: the same sections, broken at spaces. */
    private static final class WholeWords extends Help {
        WholeWords(CommandSpec spec, ColorScheme colors) {
            super(spec, colors);
        }

        private int width() {
            return commandSpec().usageMessage().width();
        }

        @Override public String description(Object... params) {
            return lines(commandSpec().usageMessage().description(), params);
        }

        @Override public String header(Object... params) {
            return lines(commandSpec().usageMessage().header(), params);
        }

        @Override public String footer(Object... params) {
            return lines(commandSpec().usageMessage().footer(), params);
        }

        /** Each of {@code values} formatted (%n, %%) and wrapped across the whole width, as picocli's join does. */
        private String lines(String[] values, Object... params) {
            Table table = new Table(colorScheme(), new Column(width(), 0, Overflow.WRAP));
            table.indentWrappedLines = 0;
            for (String value : values) table.addRowValues(format(value, params));
            return table.toString();
        }

        /** The commands and the first line of each one's description, as picocli lists them. */
        @Override public String commandList(Map<String, Help> subcommands) {
            if (subcommands.isEmpty()) return "";
            int nameLength = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width() / 2);
            Table table = new Table(colorScheme(), new Column(nameLength + 2, 2, Overflow.SPAN),
                    new Column(width() - (nameLength + 2), 2, Overflow.WRAP));
            for (Help help : subcommands.values()) {
                UsageMessageSpec usage = help.commandSpec().usageMessage();
                String[] text = usage.header().length > 0 ? usage.header() : usage.description();
                Text[] lines = colorScheme().text(format(text.length > 0 ? text[0] : "")).splitLines();
                for (int i = 0; i < lines.length; i++) {
                    table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
                }
            }
            return table.toString();
        }

        /** picocli's five columns (the description last) on a table that wraps at spaces. */
        @Override public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                                    ColorScheme colors) {
            int longOptions = calcLongOptionColumnWidth(options, positionals, colors);
            Table table = new Table(colors, new Column(2, 0, Overflow.TRUNCATE), new Column(2, 0, Overflow.SPAN),
                    new Column(1, 0, Overflow.TRUNCATE), new Column(longOptions, 1, Overflow.SPAN),
                    new Column(width() - 5 - longOptions, 1, Overflow.WRAP));
            return new Layout(colors, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
        }

        /** "Usage: fovea train [-hV] ...", wrapped lines indented under the first option, as picocli does. */
        @Override protected String insertSynopsisCommandName(int headingLength, Text details) {
            String name = commandSpec().qualifiedName();
            Table table = new Table(colorScheme(), new Column(width(), 0, Overflow.WRAP));
            table.indentWrappedLines = Math.min(headingLength + name.length() + 1, width() / 2);
            // the heading ("Usage: ") is printed before this text: stand-ins keep its place on the first line
            Text heading = Help.Ansi.OFF.new Text("X".repeat(headingLength), colorScheme());
            table.addRowValues(heading.concat(colorScheme().commandText(name)).concat(details));
            return table.toString().substring(headingLength);
        }

        private static String format(String text, Object... params) {
            try {
                return String.format(text, params);
            } catch (IllegalFormatException e) {
                return text;
            }
        }
    }

    /** A table whose wrapping columns break lines at spaces only; a word longer than the column is cut, as picocli does. */
    private static final class Table extends Help.TextTable {
        Table(ColorScheme colors, Column... columns) {
            super(colors, columns);
        }

        @Override public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (column.overflow != Overflow.WRAP || value == null || value.plainString().isEmpty()) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            int start = 0;
            while (true) {
                int indent = start == 0 ? 0 : indentWrappedLines;
                int end = lineEnd(plain, start, column.width - column.indent - indent);
                Text line = value.substring(start, end);
                // picocli writes each piece from the column's indent; continuation lines get their extra indent as spaces
                super.putValue(row, col, indent == 0 ? line : value.substring(0, 0).concat(" ".repeat(indent)).concat(line));
                start = end;
                while (start < plain.length() && plain.charAt(start) == ' ') start++;
                if (start >= plain.length()) return new Cell(col, row);
                addEmptyRow();
                row++;
            }
        }

        /** Where the line from {@code start} ends within {@code room} characters: at its last space, or cut. */
        private static int lineEnd(String text, int start, int room) {
            if (text.length() - start <= room) return text.length();
            int space = text.lastIndexOf(' ', start + Math.max(room, 1));
            while (space > start && text.charAt(space - 1) == ' ') space--;
            return space > start ? space : start + Math.max(room, 1);
        }
    }
}
