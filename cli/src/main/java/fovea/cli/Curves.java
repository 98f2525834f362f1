package fovea.cli;

import fovea.train.EpochResult;
import fovea.train.History;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;

/** The learning curves as one PNG: loss per epoch on the left, accuracy per epoch on the right. */
final class Curves {
    private Curves() {}

    /** The PNG bytes of the two charts side by side. */
    static byte[] png(History history, String title) throws IOException {
        return Charts.png(charts(history, title));
    }

    /** The loss chart and the accuracy chart. */
    static List<XYChart> charts(History history, String title) {
        List<EpochResult> epochs = history.epochs();
        boolean validated = epochs.stream().anyMatch(e -> !Double.isNaN(e.validationLoss()));
        return List.of(
                chart(epochs, title + ": loss", "loss", EpochResult::trainLoss, validated ? EpochResult::validationLoss : null),
                chart(epochs, title + ": accuracy", "accuracy", EpochResult::trainAccuracy,
                        validated ? EpochResult::validationAccuracy : null));
    }

    /** One metric per epoch: training in blue, validation (when there is one) in red, round ticks on both axes. */
    private static XYChart chart(List<EpochResult> epochs, String title, String metric, ToDoubleFunction<EpochResult> training,
                                 ToDoubleFunction<EpochResult> validation) {
        XYChart chart = Charts.xy(560, 400, title, "epoch", metric);
        if (epochs.isEmpty()) return chart;
        double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        double[] train = epochs.stream().mapToDouble(training).toArray();
        double[] validated = validation == null ? new double[0] : epochs.stream().mapToDouble(validation).toArray();
        Charts.line(chart, "training", x, train, Color.BLUE, true);
        if (validation != null) Charts.line(chart, "validation", x, validated, Color.RED, true);
        Charts.wholeNumbers(chart, epochs.get(0).epoch(), epochs.get(epochs.size() - 1).epoch());
        Charts.roundBounds(chart, DoubleStream.concat(DoubleStream.of(train), DoubleStream.of(validated)).toArray());
        return chart;
    }
}
