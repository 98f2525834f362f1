package fovea.cli;

import java.util.Locale;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work counted in rows (queries classified, steps taken): a progress bar with rate and ETA on a
 * terminal, nothing without one. Safe to step from several threads.
 */
public final class RowProgress implements IntConsumer, AutoCloseable {
    private final ProgressBar bar;

    RowProgress(String task, long total, boolean terminal) {
        bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).showSpeed().continuousUpdate().build() : null;
    }

    /** A bar on a terminal (stderr), none otherwise or when {@code quiet}. */
    public static RowProgress of(String task, long total, boolean quiet) {
        return new RowProgress(task, total, !quiet && System.console() != null);
    }

    @Override public synchronized void accept(int rows) {
        if (bar != null) bar.stepBy(rows);
    }

    /** The text beside the bar, formatted in the root locale. */
    public synchronized void message(String format, Object... args) {
        if (bar != null) bar.setExtraMessage(String.format(Locale.ROOT, format, args));
    }

    @Override public synchronized void close() {
        if (bar != null) bar.close();
    }
}
