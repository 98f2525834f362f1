package fovea.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Whether the output is a person's terminal, and how wide it is: what decides between a live bar and plain lines. */
public final class Terminal {
    private static final int DEFAULT_WIDTH = 80;

    private Terminal() {}

    /**
     * Whether standard input and output are an interactive terminal. On Java 22 and newer {@code System.console()}
     * is there even when the output is redirected, so its {@code isTerminal()} decides; before, a console exists
     * only on a terminal.
     */
    public static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;                      // Java 17-21: a console means a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The terminal's width in columns: $COLUMNS, else what {@code stty size} says of /dev/tty, else 80. */
    public static int width() {
        Integer columns = positive(System.getenv("COLUMNS"));
        if (columns != null) return columns;
        File tty = new File("/dev/tty");
        if (!tty.exists()) return DEFAULT_WIDTH;
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stty.getInputStream(), StandardCharsets.UTF_8))) {
                line = reader.readLine();
            }
            if (!stty.waitFor(1, TimeUnit.SECONDS)) stty.destroy();
            String[] rowsAndColumns = line == null ? new String[0] : line.trim().split("\\s+");
            Integer width = rowsAndColumns.length == 2 ? positive(rowsAndColumns[1]) : null;
            return width != null ? width : DEFAULT_WIDTH;
        } catch (java.io.IOException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }

    private static Integer positive(String text) {
        if (text == null || !text.trim().matches("[0-9]{1,4}")) return null;
        int value = Integer.parseInt(text.trim());
        return value > 0 ? value : null;
    }
}
