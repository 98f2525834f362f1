package fovea.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * A progress bar on the last line of a terminal, redrawn four times a second by the progressbar library, that
 * stays live while lines are printed above it ({@link #println}): each line clears the bar's row, is printed, and
 * the bar is drawn again below it. Everything goes to one writer, so nothing printed is overwritten.
 * <pre>
 * epoch 2/10  43% [========>           ] 370/860 0:03&lt;0:04 loss 0.5136 acc 0.8179 11558 img/s
 * </pre>
 */
public final class LiveBar implements AutoCloseable {
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final Line line;
    private final ProgressBar bar;

    /** A bar for {@code task} of {@code max} steps on {@code out}, fitted to {@code width} columns. */
    public LiveBar(PrintWriter out, int width, String task, long max) {
        line = new Line(out, width);
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUpdateIntervalMillis(250)
                .continuousUpdate().setConsumer(line).setRenderer(LiveBar::render).build();
    }

    /** Advances by {@code steps}, with {@code message} (loss, rate ...) beside the bar unless it is null. */
    public void step(long steps, String message) {
        bar.stepBy(steps);
        if (message != null) bar.setExtraMessage(message);
    }

    /** Sets the message beside the bar. */
    public void message(String message) {
        bar.setExtraMessage(message);
    }

    /** Prints {@code text} on its own line above the bar, which is drawn again below it. */
    public void println(String text) {
        line.above(text);
    }

    /** Stops the bar and clears its line, so that what follows is printed where it was. */
    @Override public void close() {
        bar.close();
        line.clear();
    }

    /**
     * The bar fitted to {@code width}: the task, the percentage, the bar (10 to 30 columns), the count, the time
     * taken and left, then the message; the message is cut rather than the bar when the line is too narrow.
     */
    static String render(ProgressState state, int width) {
        long current = state.getCurrent();
        long max = Math.max(1, state.getMax());
        double done = Math.min(1, current / (double) max);
        Duration elapsed = state.getTotalElapsed();
        String eta = current == 0 ? "?" : clock(elapsed.multipliedBy(Math.max(0, max - current)).dividedBy(current));
        String head = String.format(Locale.ROOT, "%s %3d%% ", state.getTaskName(), (int) Math.floor(done * 100));
        String tail = String.format(Locale.ROOT, " %d/%d %s<%s", current, max, clock(elapsed), eta);
        String message = state.getExtraMessage() == null ? "" : state.getExtraMessage();
        int room = width - head.length() - tail.length() - 2;
        int barWidth = Math.max(10, Math.min(30, room - message.length()));
        String line = head + "[" + bar(done, barWidth) + "]" + tail + message;
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    private static String bar(double done, int width) {
        int full = (int) Math.floor(done * width);
        StringBuilder text = new StringBuilder(width);
        for (int i = 0; i < width; i++) text.append(i < full ? '=' : i == full ? '>' : ' ');
        return text.toString();
    }

    private static String clock(Duration duration) {
        long seconds = duration.getSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** The terminal line the bar lives on; every write is one locked print, so the bar's thread cannot cut into one. */
    private static final class Line implements ProgressBarConsumer {
        private final PrintWriter out;
        private final int width;
        private String drawn;

        Line(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override public int getMaxRenderedLength() {
            return Math.max(20, width - 1);      // the last column would wrap on some terminals
        }

        @Override public synchronized void accept(String rendered) {
            drawn = rendered;
            out.print("\r" + rendered + "\u001b[K");
            out.flush();
        }

        synchronized void above(String text) {
            out.print(CLEAR_LINE + text + "\n" + (drawn == null ? "" : "\r" + drawn + "\u001b[K"));
            out.flush();
        }

        @Override public synchronized void clear() {
            if (drawn != null) out.print(CLEAR_LINE);
            drawn = null;
            out.flush();
        }

        @Override public void close() {
            // the bar's last frame stays until LiveBar.close clears the line
        }
    }
}
