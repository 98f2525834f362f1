package fovea.cli.recurrent;

import fovea.cli.Charts;
import fovea.cli.Cli;
import fovea.cli.Numbers;
import fovea.cli.RunFolder;
import fovea.cli.RunFolderOption;
import fovea.cli.SeedOption;
import fovea.io.TextFiles;
import fovea.tensor.Generator;
import fovea.train.GradientFlow;
import java.awt.Color;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fovea rnn gradients}: the gradient of a loss on the last hidden state, ||dL/dh_t||, at every step t of a
 * vanilla RNN and of an LSTM, as a table and a log-scale PNG, written to a run folder.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the gradient vanish through time in an RNN and an LSTM.",
            "Backpropagates a loss on the last hidden state through T steps of a vanilla (tanh) RNN and of an LSTM "
                + "and shows ||dL/dh_t|| per step. The RNN's vanishes geometrically (W_hh and tanh' at every step); "
                + "the LSTM's cell path is scaled only by its forget gates: with PyTorch's init (forget gates near "
                + "0.5) it vanishes too, with the forget-gate bias raised (--forget-bias, the usual remedy) it does not. "
                + "Writes gradients.csv, gradients.png and results.json to the run folder."})
final class RnnGradientsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--steps", description = "time steps T (default: ${DEFAULT-VALUE})", defaultValue = "50")
    private int steps;

    @Option(names = "--hidden", description = "hidden units (default: ${DEFAULT-VALUE})", defaultValue = "128")
    private int hidden;

    @Option(names = "--input", description = "input features, drawn N(0, 1) at each step (default: ${DEFAULT-VALUE})",
            defaultValue = "32")
    private int input;

    @Option(names = "--batch", description = "sequences (default: ${DEFAULT-VALUE})", defaultValue = "16")
    private int batch;

    @Option(names = "--forget-bias", description = "added to the forget-gate bias of the third curve's LSTM; the second "
            + "has PyTorch's init (default: ${DEFAULT-VALUE})", defaultValue = "3")
    private float forgetBias;

    @Option(names = "--every", description = "print every k-th step in the table (default: ${DEFAULT-VALUE})", defaultValue = "5")
    private int every;

    @Mixin
    private SeedOption seed;

    @Mixin
    private final RunFolderOption out = new RunFolderOption("rnn-gradients");

    @Override public Integer call() throws Exception {
        Cli.atLeast(spec, "--steps", steps, 2);
        Cli.atLeast(spec, "--hidden", hidden, 1);
        Cli.atLeast(spec, "--input", input, 1);
        Cli.atLeast(spec, "--batch", batch, 1);
        Cli.atLeast(spec, "--every", every, 1);
        Cli.require(spec, Float.isFinite(forgetBias), "--forget-bias", "a finite number", Cli.number(forgetBias));
        PrintWriter console = spec.commandLine().getOut();
        GradientFlow.Config config = new GradientFlow.Config(steps, batch, input, hidden, forgetBias);
        double[] rnn = GradientFlow.rnn(config, new Generator(seed.value()));
        double[] lstmDefault = GradientFlow.lstm(config.withForgetBias(0f), new Generator(seed.value()));
        double[] lstm = GradientFlow.lstm(config, new Generator(seed.value()));
        RunFolder folder = out.create("rnn-gradients");
        String biased = "LSTM forget " + (forgetBias >= 0 ? "+" : "") + Numbers.of(forgetBias);
        console.printf(Locale.ROOT, "||dL/dh_t|| for L = sum(h_T * r): T = %d, hidden %d, input %d, batch %d; PyTorch's init, "
                + "the last LSTM with %s added to its forget-gate bias%n", steps, hidden, input, batch, Numbers.of(forgetBias));
        console.printf(Locale.ROOT, "%6s  %14s  %14s  %16s%n", "step t", "vanilla RNN", "LSTM", biased);
        StringBuilder csv = new StringBuilder("step,rnn,lstm,lstm_forget_bias\n");
        for (int t = steps; t >= 1; t--) {
            csv.append(String.format(Locale.ROOT, "%d,%.6e,%.6e,%.6e%n", t, rnn[t - 1], lstmDefault[t - 1], lstm[t - 1]));
            if ((steps - t) % every == 0 || t == 1) {
                console.printf(Locale.ROOT, "%6d  %14.4e  %14.4e  %16.4e%n", t, rnn[t - 1], lstmDefault[t - 1], lstm[t - 1]);
            }
        }
        double rnnRatio = rnn[0] / rnn[steps - 1];
        double defaultRatio = lstmDefault[0] / lstmDefault[steps - 1];
        double lstmRatio = lstm[0] / lstm[steps - 1];
        console.printf(Locale.ROOT, "||dL/dh_1|| / ||dL/dh_T||: vanilla RNN %.3e, LSTM %.3e, %s %.3e%n", rnnRatio, defaultRatio,
                biased, lstmRatio);
        TextFiles.write(folder.path().resolve("gradients.csv"), csv.toString());
        TextFiles.write(folder.path().resolve("gradients.png"), png(rnn, lstmDefault, lstm, biased));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("steps", steps);
        results.put("hidden", hidden);
        results.put("input", input);
        results.put("batch", batch);
        results.put("forget_bias", forgetBias);
        results.put("seed", seed.value());
        results.put("rnn_first_over_last", rnnRatio);
        results.put("lstm_first_over_last", defaultRatio);
        results.put("lstm_forget_bias_first_over_last", lstmRatio);
        results.put("rnn", array(rnn));
        results.put("lstm", array(lstmDefault));
        results.put("lstm_forget_bias", array(lstm));
        folder.writeResults(results);
        console.printf("run folder: %s%n", folder.path());
        console.flush();
        return 0;
    }

    private static List<Object> array(double[] values) {
        List<Object> array = new ArrayList<>();
        for (double v : values) array.add(v);
        return array;
    }

    private byte[] png(double[] rnn, double[] lstmDefault, double[] lstm, String biased) throws java.io.IOException {
        XYChart chart = Charts.xy(720, 440, "gradient of a loss on h_T, backpropagated through time", "time step t",
                "||dL/dh_t|| (log scale)");
        double[] x = new double[rnn.length];
        for (int t = 0; t < x.length; t++) x[t] = t + 1;
        Charts.line(chart, "vanilla RNN (tanh)", x, Charts.log10(rnn), Color.RED, false);
        Charts.line(chart, "LSTM (PyTorch's init)", x, Charts.log10(lstmDefault), Color.ORANGE, false);
        Charts.line(chart, biased, x, Charts.log10(lstm), Color.BLUE, false);
        Charts.wholeNumbers(chart, 1, rnn.length);
        Charts.powersOfTen(chart);
        return Charts.png(chart);
    }
}
