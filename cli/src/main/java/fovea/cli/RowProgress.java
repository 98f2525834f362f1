package fovea.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Progress of long work counted in rows (queries classified, steps taken): a live bar with the time taken and left
 * on a terminal, nothing without one. Safe to step from several threads.
 */
public final class RowProgress implements IntConsumer, AutoCloseable {
    private final LiveBar bar;

    RowProgress(LiveBar bar) {
        this.bar = bar;
    }

    /** A bar on standard output when it is a terminal, none otherwise or when {@code quiet}. */
    public static RowProgress of(String task, long total, boolean quiet) {
        boolean live = !quiet && Terminal.interactive();
        return new RowProgress(live ? new LiveBar(new PrintWriter(System.out, true), Terminal.width(), task, total) : null);
    }

    @Override public synchronized void accept(int rows) {
        if (bar != null) bar.step(rows, null);
    }

    /** The text beside the bar, formatted in the root locale. */
    public synchronized void message(String format, Object... args) {
        if (bar != null) bar.message(String.format(Locale.ROOT, format, args));
    }

    @Override public synchronized void close() {
        if (bar != null) bar.close();
    }
}
