package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fovea.train.EpochResult;
import fovea.train.History;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Numbers as a person writes them, and chart axes whose ticks XChart puts at round numbers. */
class NumbersAndChartsTest {
    @Test void settingsPrintAsTyped() {
        assertEquals("1e-4", Numbers.of(1e-4f));
        assertEquals("0.1", Numbers.of(0.1f));
        assertEquals("0.001", Numbers.of(0.001f));
        assertEquals("5", Numbers.of(5f));
        assertEquals("-3", Numbers.of(-3.0));
        assertEquals("2.5e-5", Numbers.of(2.5e-5));
        assertEquals("1.2345678e7", Numbers.of(12345678.0));
        assertEquals("0", Numbers.of(0));
        assertEquals("0.927", Numbers.significant(0.92731, 3));
        assertEquals("2.17e-4", Numbers.significant(2.165e-4 + 1e-9, 3));
        assertEquals("1 epoch", Numbers.count(1, "epoch"));
        assertEquals("3 epochs", Numbers.count(3, "epoch"));
    }

    @Test void oneEpochsTwoValuesGiveRoundBoundsNotTheRawDoubles() {
        XYChart chart = Charts.xy(400, 300, "loss", "epoch", "loss");
        Charts.roundBounds(chart, 1.413757135731833, 0.985515027523041, Double.NaN);
        assertEquals(0.9, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1.5, chart.getStyler().getYAxisMax(), 1e-12);
        Charts.roundBounds(chart, 0.7, 0.7);
        assertEquals(0.7, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.8, chart.getStyler().getYAxisMax(), 1e-12);
    }

    @Test void theCurvesOfOneEpochHaveRoundTicksAndWholeEpochs() {
        History history = new History();
        history.add(EpochResult.classification(1, 1.413757135731833, 0.570857142857143, 0.985515027523041, 0.664, 4.5, 0.001));
        List<XYChart> charts = Curves.charts(history, "softmax");
        assertEquals(0.9, charts.get(0).getStyler().getYAxisMin());
        assertEquals(1.5, charts.get(0).getStyler().getYAxisMax());
        assertEquals(0.57, charts.get(1).getStyler().getYAxisMin());
        assertEquals(0.67, charts.get(1).getStyler().getYAxisMax());
        assertEquals("#", charts.get(0).getStyler().getXAxisDecimalPattern(), "whole epochs");
        assertEquals("epoch", charts.get(1).getXAxisTitle());
        assertEquals("accuracy", charts.get(1).getYAxisTitle());
    }

    @Test void manyWholeNumbersGetBoundsOffTheValuesSoTheTicksAreRound() {
        XYChart few = Charts.xy(400, 300, "few", "epoch", "loss");
        Charts.wholeNumbers(few, 1, 12);
        assertNull(few.getStyler().getXAxisMin(), "up to 20 values XChart labels each one");
        XYChart many = Charts.xy(400, 300, "many", "time step t", "norm");
        Charts.wholeNumbers(many, 1, 50);
        assertEquals(0.5, many.getStyler().getXAxisMin());
        assertEquals(50.5, many.getStyler().getXAxisMax());
        assertEquals("#", many.getStyler().getXAxisDecimalPattern());
    }

    @Test void aLogAxisIsLabelledInPowersOfTenAsPeopleWriteThem() {
        XYChart chart = Charts.xy(400, 300, "gradients", "t", "norm");
        Charts.powersOfTen(chart);
        assertEquals("1e-4", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(-4.0));
        assertEquals("100", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(2.0));
        assertEquals("3.2", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.5));
        assertEquals(-30, Charts.log10(new double[] {0})[0]);
    }
}
