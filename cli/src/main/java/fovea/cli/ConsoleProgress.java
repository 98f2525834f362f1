package fovea.cli;

import fovea.train.Callback;
import fovea.train.Diagnostics;
import fovea.train.EpochResult;
import fovea.train.Trainer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a person sees while training: on a terminal a progress bar per epoch (loss, accuracy, images/s, ETA);
 * without one a single line per epoch. Diagnostics are printed as they come and kept for the run folder.
 */
final class ConsoleProgress implements Callback {
    private final PrintWriter out;
    private final boolean terminal;
    private final List<String> diagnostics = new ArrayList<>();
    private ProgressBar bar;
    private int epochs;
    private double lossSum;
    private double correct;
    private long examples;
    private long epochStart;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** The diagnostic lines printed so far. */
    List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    @Override public void onTrainBegin(Trainer trainer, int firstEpoch, int epochs) {
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

    @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy, int count) {
        lossSum += loss * count;
        correct += accuracy * count;
        examples += count;
        if (bar != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %.4f %.0f img/s", lossSum / examples,
                    correct / examples, examples / Math.max(seconds, 1e-9)));
        }
    }

    @Override public void onEpochEnd(EpochResult r, Trainer.Control control) {
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

    @Override public void onFinding(Diagnostics.Finding finding) {
        String line = (finding.warning() ? "warning: " : "check: ") + finding.message();
        diagnostics.add(line);
        if (bar == null) {
            out.println(line);
            out.flush();
        }
    }
}
