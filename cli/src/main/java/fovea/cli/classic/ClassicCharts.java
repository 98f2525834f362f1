package fovea.cli.classic;

import fovea.classic.KnnCrossValidation;
import fovea.classic.OptimizerComparison;
import fovea.classic.RandomSearch;
import fovea.cli.Charts;
import fovea.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The classic pipeline's charts as PNG bytes: cross-validation of k, test accuracy against k, the three ways to optimize,
 * a linear classifier's templates, and hyperparameter-search trials.
 */
final class ClassicCharts {
    private static final Color[] COLORS = {Color.BLUE, Color.RED, new Color(0, 140, 0), Color.MAGENTA};

    private ClassicCharts() {}

    /**
     * The course's cross-validation plot: each fold's accuracy for each k as a dot, and the mean over folds as a line
     * with error bars of one standard deviation; one colour per distance.
     */
    static byte[] crossValidation(List<KnnCrossValidation.Result> results) throws IOException {
        XYChart chart = Charts.xy(720, 480, "Cross-validation on k", "k", "cross-validation accuracy");
        chart.getStyler().setXAxisDecimalPattern("#");
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
        return Charts.png(chart);
    }

    /** One distance's test accuracy at each k. */
    record Curve(String distance, int[] ks, double[] accuracies) {}

    /**
     * Test accuracy against k, a line per distance, with a marker at each k that was asked for (the table's rows).
     */
    static byte[] accuracyByK(List<Curve> curves, int[] asked) throws IOException {
        XYChart chart = Charts.xy(720, 480, "k-nearest neighbours: test accuracy against k", "k", "test accuracy");
        Set<Integer> marked = Arrays.stream(asked).boxed().collect(Collectors.toSet());
        List<Double> all = new ArrayList<>();
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            Color color = COLORS[c % COLORS.length];
            double[] x = Arrays.stream(curve.ks()).asDoubleStream().toArray();
            Charts.line(chart, curve.distance(), x, curve.accuracies(), color, x.length == 1);
            int[] at = IntStream.range(0, x.length).filter(i -> marked.contains(curve.ks()[i])).toArray();
            if (at.length > 0 && x.length > 1) {
                XYSeries dots = chart.addSeries(curve.distance() + ", k asked", Arrays.stream(at).mapToDouble(i -> x[i]).toArray(),
                        Arrays.stream(at).mapToDouble(i -> curve.accuracies()[i]).toArray());
                dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                dots.setMarker(SeriesMarkers.CIRCLE);
                dots.setMarkerColor(color);
            }
            for (double a : curve.accuracies()) all.add(a);
        }
        int largest = curves.stream().mapToInt(curve -> curve.ks()[curve.ks().length - 1]).max().orElse(1);
        Charts.wholeNumbers(chart, 1, largest);
        Charts.roundBounds(chart, all.stream().mapToDouble(Double::doubleValue).toArray());
        return Charts.png(chart);
    }

    /** The training loss of each way to optimize, at every iteration. */
    static byte[] optimizers(List<OptimizerComparison.Outcome> outcomes, String loss) throws IOException {
        XYChart chart = Charts.xy(720, 480, "three ways to optimize a linear " + loss + " classifier", "iteration",
                "training loss (data + regularization)");
        List<Double> all = new ArrayList<>();
        int longest = 1;
        for (int o = 0; o < outcomes.size(); o++) {
            double[] losses = outcomes.get(o).losses();
            double[] x = IntStream.rangeClosed(1, losses.length).asDoubleStream().toArray();
            Charts.line(chart, outcomes.get(o).method(), x, losses, COLORS[o % COLORS.length], losses.length == 1);
            for (double l : losses) all.add(l);
            longest = Math.max(longest, losses.length);
        }
        Charts.wholeNumbers(chart, 1, longest);
        Charts.roundBounds(chart, all.stream().mapToDouble(Double::doubleValue).toArray());
        return Charts.png(chart);
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
        return Charts.png(image);
    }

    /** A random search's trials: validation accuracy against each hyperparameter (log axis), coarse and fine. */
    static byte[] search(RandomSearch.Result result) throws IOException {
        List<String> names = result.trials().get(0).setting().keySet().stream().toList();
        List<XYChart> charts = new ArrayList<>();
        for (String name : names) {
            XYChart chart = Charts.xy(480, 380, "validation accuracy against " + name, name + " (log scale)",
                    "validation accuracy");
            Charts.xPowersOfTen(chart);                 // XChart's own log axis labels 1E-4 and grids every 2..9
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            for (int stage = 1; stage <= 2; stage++) {
                final int s = stage;
                List<RandomSearch.Trial> trials = result.trials().stream()
                        .filter(t -> t.stage() == s && !Double.isNaN(t.validationAccuracy())).toList();
                if (trials.isEmpty()) continue;
                XYSeries series = chart.addSeries(stage == 1 ? "coarse" : "fine",
                        Charts.log10(trials.stream().mapToDouble(t -> t.setting().get(name)).toArray()),
                        trials.stream().mapToDouble(RandomSearch.Trial::validationAccuracy).toArray());
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(COLORS[stage - 1]);
            }
            charts.add(chart);
        }
        return Charts.png(charts);
    }
}
