package fovea.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The commands' XChart line charts, drawn for people: white, titled axes, and ticks at round numbers. XChart puts the
 * ticks of evenly spaced values (epochs 1..50) at the values themselves, labels that run together once there are many,
 * and the ticks of two values (one epoch's training and validation loss) at those two raw doubles; {@link #wholeNumbers}
 * and {@link #roundBounds} give it bounds that are not on those values, and it chooses round ticks.
 */
public final class Charts {
    /** Up to this many whole numbers XChart labels each one legibly; more and it is told to choose round steps. */
    private static final int LABELLED_EACH = 20;

    private Charts() {}

    /** An empty chart with a title, axis titles and a legend, on white. */
    public static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /** A line through (x, y) in {@code color}, with a circle at each point when {@code markers}. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, boolean markers) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return series;
    }

    /** The x axis of whole numbers {@code first..last} (epochs, steps, k): labelled each, or at round steps when many. */
    public static void wholeNumbers(XYChart chart, int first, int last) {
        chart.getStyler().setXAxisDecimalPattern("#");
        if (last - first + 1 > LABELLED_EACH) {
            // bounds half a step outside the values: XChart then chooses round ticks (10, 20, ...) instead of every value
            chart.getStyler().setXAxisMin(first - 0.5);
            chart.getStyler().setXAxisMax(last + 0.5);
        }
    }

    /**
     * The y axis from the finite {@code values}' minimum rounded down to their maximum rounded up, at the power of ten
     * below their range (0.9-1.5 for 0.986-1.414), so that the ticks are round; nothing when none is finite.
     */
    public static void roundBounds(XYChart chart, double... values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) return;
        double min = Arrays.stream(finite).min().getAsDouble(), max = Arrays.stream(finite).max().getAsDouble();
        double range = max - min > 0 ? max - min : Math.max(Math.abs(max), 1e-12);
        int power = (int) Math.floor(Math.log10(range));
        double step = Math.pow(10, power);
        // whole numbers of steps, written in decimal: 0.7, not 7 * 0.1 = 0.7000000000000001
        long low = (long) Math.floor(min / step + 1e-9), high = (long) Math.ceil(max / step - 1e-9);
        if (high <= low) high = low + 1;
        chart.getStyler().setYAxisMin(java.math.BigDecimal.valueOf(low).scaleByPowerOfTen(power).doubleValue());
        chart.getStyler().setYAxisMax(java.math.BigDecimal.valueOf(high).scaleByPowerOfTen(power).doubleValue());
    }

    /**
     * A log-scale y axis drawn as {@link #log10} of the values on a linear axis, each tick labelled 10^tick as a
     * person writes it (1e-10 ... 0.01, 1, 100): XChart's own log axis labels 1E-4 and draws a grid line at every 2..9
     * of each decade.
     */
    public static void powersOfTen(XYChart chart) {
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Charts::powerOfTen);
    }

    /** The same for the x axis: values given as {@link #log10}, ticks labelled 10^tick. */
    public static void xPowersOfTen(XYChart chart) {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::powerOfTen);
    }

    private static String powerOfTen(double tick) {
        double whole = Math.rint(tick);
        return Math.abs(tick - whole) < 1e-9 ? Numbers.of(Math.pow(10, whole)) : Numbers.significant(Math.pow(10, tick), 2);
    }

    /** log10 of each value, for a {@link #powersOfTen} axis; a value <= 0 is taken as 1e-30. */
    public static double[] log10(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) logs[i] = Math.log10(Math.max(values[i], 1e-30));
        return logs;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The charts side by side, left to right, as one PNG. */
    public static byte[] png(List<XYChart> charts) throws IOException {
        List<BufferedImage> images = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        BufferedImage all = new BufferedImage(images.stream().mapToInt(BufferedImage::getWidth).sum(),
                images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = all.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, all.getWidth(), all.getHeight());
        int x = 0;
        for (BufferedImage image : images) {
            graphics.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        graphics.dispose();
        return png(all);
    }

    /** An image as PNG bytes. */
    public static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
