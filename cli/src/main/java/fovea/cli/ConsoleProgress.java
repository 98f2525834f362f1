package fovea.cli;

import fovea.train.Callback;
import fovea.train.Diagnostics;
import fovea.train.DiagnosticsLog;
import fovea.train.EpochResult;
import fovea.train.Loop;
import fovea.train.StepResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a person sees while training: on a terminal a progress bar per epoch (loss, accuracy, images/s, ETA);
 * without one a single line per epoch. Of the diagnostics it prints what {@link DiagnosticsLog} says a person needs
 * (on a terminal once the epoch's bar is closed) and keeps all of them for the run folder.
 */
public final class ConsoleProgress implements Callback {
    private final PrintWriter out;
    private final boolean terminal;
    private final DiagnosticsLog diagnostics = new DiagnosticsLog();
    private final List<String> pending = new ArrayList<>();
    private ProgressBar bar;
    private int epochs;
    private double lossSum;
    private double correct;
    private long examples;
    private long epochStart;

    /** Prints to {@code out}; with {@code terminal} a progress bar per epoch, without it one line per epoch. */
    public ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
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
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .continuousUpdate().build();
        }
    }

    @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
        int count = step.examples();
        lossSum += step.get("loss") * count;
        correct += step.get("accuracy") * count;
        examples += count;
        if (bar != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %.4f %.0f img/s", lossSum / examples,
                    correct / examples, examples / Math.max(seconds, 1e-9)));
        }
    }

    @Override public void onEpochEnd(EpochResult r, Loop.Control control) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        pending.forEach(out::println);
        pending.clear();
        String validation = Double.isNaN(r.validationAccuracy()) ? ""
                : String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f", r.validationLoss(), r.validationAccuracy());
        out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f%s  %.1fs  %.0f img/s  lr %.3g%n", r.epoch(), epochs,
                r.trainLoss(), r.trainAccuracy(), validation, r.seconds(), examples / Math.max(r.seconds(), 1e-9), r.lr());
        out.flush();
    }

    @Override public void onFindings(int epoch, List<Diagnostics.Finding> findings) {
        List<String> lines = diagnostics.add(epoch, findings);
        if (bar != null) {
            pending.addAll(lines);   // printing under a live bar would break it
            return;
        }
        lines.forEach(out::println);
        out.flush();
    }
}
