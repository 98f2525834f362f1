package fovea.cli;

import fovea.train.Callback;
import fovea.train.Diagnostics;
import fovea.train.DiagnosticsLog;
import fovea.train.EpochResult;
import fovea.train.Loop;
import fovea.train.StepResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What a person sees while training: on a terminal a live bar per epoch (loss, accuracy, images/s, time left) that
 * the epoch's summary line replaces; without one only the summary line. Of the diagnostics it prints what
 * {@link DiagnosticsLog} says a person needs, when they happen (above the live bar), and keeps all of them for the
 * run folder.
 */
public final class ConsoleProgress implements Callback {
    private final PrintWriter out;
    private final boolean terminal;
    private final int width;
    private final DiagnosticsLog diagnostics = new DiagnosticsLog();
    private LiveBar bar;
    private int epochs;
    private double lossSum;
    private double correct;
    private long examples;
    private long epochStart;

    /** Prints to {@code out}; with {@code terminal} a progress bar per epoch, without it one line per epoch. */
    /** Progress on {@code out}, with a live bar {@code width} columns wide when it is a {@code terminal}. */
    public ConsoleProgress(PrintWriter out, boolean terminal, int width) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
    }

    /** Progress on {@code out}, live when standard output is a terminal ({@link Terminal}). */
    public static ConsoleProgress of(PrintWriter out) {
        boolean terminal = Terminal.interactive();
        return new ConsoleProgress(out, terminal, terminal ? Terminal.width() : 80);
    }

    /** The diagnostics: the lines printed so far, then every figure of every epoch. */
    public String diagnostics() {
        return diagnostics.report();
    }

    @Override public void onTrainBegin(Loop<?> loop, int firstEpoch, int epochs) {
        this.epochs = epochs;
    }

    @Override public void onEpochBegin(int epoch, int batches) {
        lossSum = 0;
        correct = 0;
        examples = 0;
        epochStart = System.nanoTime();
        if (terminal) bar = new LiveBar(out, width, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches);
    }

    @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
        int count = step.examples();
        lossSum += step.get("loss") * count;
        correct += step.get("accuracy") * count;
        examples += count;
        if (bar != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            bar.step(1, String.format(Locale.ROOT, " loss %.4f acc %.4f %.0f img/s", lossSum / examples,
                    correct / examples, examples / Math.max(seconds, 1e-9)));
        }
    }

    @Override public void onEpochEnd(EpochResult r, Loop.Control control) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        String validation = Double.isNaN(r.validationAccuracy()) ? ""
                : String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f", r.validationLoss(), r.validationAccuracy());
        out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f%s  %.1fs  %.0f img/s  lr %.3g%n", r.epoch(), epochs,
                r.trainLoss(), r.trainAccuracy(), validation, r.seconds(), examples / Math.max(r.seconds(), 1e-9), r.lr());
        out.flush();
    }

    @Override public void onFindings(int epoch, List<Diagnostics.Finding> findings) {
        List<String> lines = diagnostics.add(epoch, findings);
        if (bar != null) {
            lines.forEach(bar::println);      // above the live bar, which is drawn again below them
            return;
        }
        lines.forEach(out::println);
        out.flush();
    }
}
