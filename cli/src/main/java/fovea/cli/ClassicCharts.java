package fovea.cli;

import fovea.classic.KnnCrossValidation;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The classic pipeline's charts as PNG bytes: cross-validation of k, and hyperparameter-search trials. */
final class ClassicCharts {
    private static final Color[] COLORS = {Color.BLUE, Color.RED, new Color(0, 140, 0), Color.MAGENTA};

    private ClassicCharts() {}

    /**
     * The course's cross-validation plot: each fold's accuracy for each k as a dot, and the mean over folds as a line
     * with error bars of one standard deviation; one colour per distance.
     */
    static byte[] crossValidation(List<KnnCrossValidation.Result> results) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(480).title("Cross-validation on k")
                .xAxisTitle("k").yAxisTitle("cross-validation accuracy").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        for (int r = 0; r < results.size(); r++) {
            KnnCrossValidation.Result result = results.get(r);
            Color color = COLORS[r % COLORS.length];
            String name = result.distance().name().toLowerCase(Locale.ROOT);
            int folds = result.accuracies()[0].length;
            double[] x = new double[result.ks().length * folds];
            double[] y = new double[x.length];
            double[] kx = new double[result.ks().length];
            double[] mean = new double[kx.length];
            double[] std = new double[kx.length];
            for (int i = 0; i < kx.length; i++) {
                kx[i] = result.ks()[i];
                mean[i] = result.mean(i);
                std[i] = result.std(i);
                for (int f = 0; f < folds; f++) {
                    x[i * folds + f] = kx[i];
                    y[i * folds + f] = result.accuracies()[i][f];
                }
            }
            XYSeries dots = chart.addSeries(name + " folds", x, y);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(color.brighter());
            XYSeries line = chart.addSeries(name + " mean +- std", kx, mean, std);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.DIAMOND);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
