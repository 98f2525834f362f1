package fovea.cli.classic;

import fovea.classic.KnnCrossValidation;
import fovea.classic.RandomSearch;
import fovea.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
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

    /**
     * One image per class of a linear classifier's weights on the pixels, [height * width, C], as in the course: each
     * template scaled from its own minimum (black) to its maximum (white), enlarged, with the class name below.
     */
    static byte[] templates(Tensor weights, int height, int width, List<String> names) throws IOException {
        int classes = weights.size(1), zoom = 4, columns = Math.min(5, classes);
        int rows = (classes + columns - 1) / columns, cellWidth = width * zoom + 16, cellHeight = height * zoom + 30;
        BufferedImage image = new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        float[] w = weights.toArray();
        for (int c = 0; c < classes; c++) {
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < height * width; p++) {
                min = Math.min(min, w[p * classes + c]);
                max = Math.max(max, w[p * classes + c]);
            }
            int x0 = (c % columns) * cellWidth + 8, y0 = (c / columns) * cellHeight + 4;
            for (int p = 0; p < height * width; p++) {
                int gray = max > min ? Math.round(255 * (w[p * classes + c] - min) / (max - min)) : 128;
                graphics.setColor(new Color(gray, gray, gray));
                graphics.fillRect(x0 + (p % width) * zoom, y0 + (p / width) * zoom, zoom, zoom);
            }
            graphics.setColor(Color.BLACK);
            graphics.drawString(c < names.size() ? names.get(c) : "class " + c, x0, y0 + height * zoom + 18);
        }
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** A random search's trials: validation accuracy against each hyperparameter (log axis), coarse and fine. */
    static byte[] search(RandomSearch.Result result) throws IOException {
        List<String> names = result.trials().get(0).setting().keySet().stream().toList();
        BufferedImage all = new BufferedImage(480 * names.size(), 380, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = all.createGraphics();
        for (int h = 0; h < names.size(); h++) {
            String name = names.get(h);
            XYChart chart = new XYChartBuilder().width(480).height(380).title("validation accuracy against " + name)
                    .xAxisTitle(name).yAxisTitle("validation accuracy").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            for (int stage = 1; stage <= 2; stage++) {
                final int s = stage;
                List<RandomSearch.Trial> trials = result.trials().stream()
                        .filter(t -> t.stage() == s && !Double.isNaN(t.validationAccuracy())).toList();
                if (trials.isEmpty()) continue;
                XYSeries series = chart.addSeries(stage == 1 ? "coarse" : "fine",
                        trials.stream().mapToDouble(t -> t.setting().get(name)).toArray(),
                        trials.stream().mapToDouble(RandomSearch.Trial::validationAccuracy).toArray());
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(COLORS[stage - 1]);
            }
            graphics.drawImage(BitmapEncoder.getBufferedImage(chart), 480 * h, 0, null);
        }
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(all, "png", bytes);
        return bytes.toByteArray();
    }
}
