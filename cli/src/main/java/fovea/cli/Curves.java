package fovea.cli;

import fovea.train.EpochResult;
import fovea.train.History;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The learning curves as one PNG: loss per epoch on the left, accuracy per epoch on the right. */
final class Curves {
    private Curves() {}

    /** The PNG bytes of the two charts side by side. */
    static byte[] png(History history, String title) throws IOException {
        List<EpochResult> epochs = history.epochs();
        XYChart loss = chart(title + ": loss", "loss");
        XYChart accuracy = chart(title + ": accuracy", "accuracy");
        double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        add(loss, "training", x, epochs.stream().mapToDouble(EpochResult::trainLoss).toArray(), Color.BLUE);
        add(accuracy, "training", x, epochs.stream().mapToDouble(EpochResult::trainAccuracy).toArray(), Color.BLUE);
        if (epochs.stream().anyMatch(e -> !Double.isNaN(e.validationLoss()))) {
            add(loss, "validation", x, epochs.stream().mapToDouble(EpochResult::validationLoss).toArray(), Color.RED);
            add(accuracy, "validation", x, epochs.stream().mapToDouble(EpochResult::validationAccuracy).toArray(), Color.RED);
        }
        java.awt.image.BufferedImage left = BitmapEncoder.getBufferedImage(loss);
        java.awt.image.BufferedImage right = BitmapEncoder.getBufferedImage(accuracy);
        java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = both.createGraphics();
        graphics.drawImage(left, 0, 0, null);
        graphics.drawImage(right, left.getWidth(), 0, null);
        graphics.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(both, "png", bytes);
        return bytes.toByteArray();
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(560).height(400).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color color) {
        if (x.length == 0) return;
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
    }
}
