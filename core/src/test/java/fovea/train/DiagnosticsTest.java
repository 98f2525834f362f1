package fovea.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.nn.Linear;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.tensor.GradMode;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each babysitting check finds what it should, and stays quiet on a healthy case. */
class DiagnosticsTest {
    @Test void initialLoss() {
        assertFalse(Diagnostics.initialLoss(2.31, 10).warning());
        Diagnostics.Finding far = Diagnostics.initialLoss(9.7, 10);
        assertTrue(far.warning());
        assertTrue(far.message().startsWith("loss at initialization 9.7000; expected about ln(10) = 2.3026"), far.message());
        assertTrue(Diagnostics.initialLoss(Double.NaN, 10).warning());
    }

    @Test void deadRelusAreCounted() {
        Linear linear = new Linear(3, 4, new Generator(1));
        try (var ignored = GradMode.noGrad()) {
            linear.bias().assign(Tensor.of(new float[] {-100, -100, 100, 100}, 4));   // two units never fire
        }
        Sequential model = new Sequential(linear, new Relu());
        Map<String, Double> dead = Diagnostics.deadRelus(model, Tensor.randn(new Generator(2), 8, 3));
        assertEquals(Map.of("1", 0.5), dead);
        assertFalse(Diagnostics.deadReluFindings(dead).get(0).warning());
    }

    /** Healthy runs measured up to 67% dead on a batch (the 2-conv network's FC256); SGD at lr 10 kills 100%. */
    @Test void onlyAlmostAllDeadWarns() {
        assertFalse(Diagnostics.deadReluFindings(Map.of("1", 0.67)).get(0).warning());
        assertFalse(Diagnostics.deadReluFindings(Map.of("1", 0.9)).get(0).warning());
        Diagnostics.Finding dead = Diagnostics.deadReluFindings(Map.of("1", 0.95)).get(0);
        assertTrue(dead.warning());
        assertTrue(dead.message().startsWith("layer 1: 95.0% of ReLU units dead") && dead.message().endsWith(dead.advice()),
                dead.message());
    }

    @Test void updateRatios() {
        Tensor w = Tensor.full(1f, 100);
        Map<String, float[]> before = Map.of("w", w.toArray());
        Map<String, Double> ratios = Diagnostics.updateRatios(before, Map.of("w", w.add(1e-3f)));
        assertEquals(1e-3, ratios.get("w"), 1e-6);
        assertFalse(Diagnostics.updateRatioFindings(ratios, true).get(0).warning());
    }

    /**
     * Adam's first step moves each weight by about lr, RMSprop's by 10 lr: at their default rates they measured up
     * to 9.3e-2 and 0.93 (an FC layer over 3136 inputs), Adam at lr 0.5 measured 4 to 14. Low is judged at the first
     * step only: schedules lower the rate later (the main job's last epoch measured 5e-5).
     */
    @Test void updateRatioThresholds() {
        for (double healthy : new double[] {1e-4, 1e-3, 1e-2, 9.3e-2, 0.93}) {
            assertFalse(Diagnostics.updateRatioFindings(Map.of("w", healthy), true).get(0).warning(), "" + healthy);
        }
        assertTrue(Diagnostics.updateRatioFindings(Map.of("w", 4.0), false).get(0).advice().endsWith("too high"));
        assertTrue(Diagnostics.updateRatioFindings(Map.of("w", Double.NaN), false).get(0).warning());
        assertTrue(Diagnostics.updateRatioFindings(Map.of("w", 1e-7), true).get(0).advice().endsWith("too low"));
        assertFalse(Diagnostics.updateRatioFindings(Map.of("w", 1e-7), false).get(0).warning(), "after the first step");
    }

    private static List<Diagnostics.Finding> dead(double... fractions) {
        Map<String, Double> layers = new LinkedHashMap<>();
        for (int i = 0; i < fractions.length; i++) layers.put("relu" + i, fractions[i]);
        return Diagnostics.deadReluFindings(layers);
    }

    private static List<Diagnostics.Finding> ratios(boolean firstStep, double... values) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) weights.put("w" + i, values[i]);
        return Diagnostics.updateRatioFindings(weights, firstStep);
    }

    @Test void aLayerKnownByItsIndexIsNamedALayer() {
        assertEquals(List.of("check: dead ReLU units after epoch 1, on a training batch: layer 2 12.9%, features.5 1.0%"),
                new DiagnosticsLog().add(1, Diagnostics.deadReluFindings(new LinkedHashMap<>(Map.of("2", 0.129)) {{
                    put("features.5", 0.01);
                }})));
    }

    @Test void aFigureIsShownOnceThenOnlyWhenItMovesMaterially() {
        DiagnosticsLog log = new DiagnosticsLog();
        assertEquals(List.of("check: dead ReLU units after epoch 1, on a training batch: relu0 0.3%, relu1 40.0%"),
                log.add(1, dead(0.003, 0.40)));
        assertEquals(List.of(), log.add(2, dead(0.003, 0.40)), "unchanged");
        assertEquals(List.of(), log.add(3, dead(0.05, 0.49)), "moved by less than 10 points");
        assertEquals(List.of("check: dead ReLU units after epoch 4, on a training batch: relu1 51.0% (was 40.0% at epoch 1)"),
                log.add(4, dead(0.05, 0.51)));
        assertEquals(List.of(), log.add(5, dead(0.05, 0.55)), "compared with what was shown last, at epoch 4");
        List<String> crossed = log.add(6, dead(0.05, 0.91));
        assertEquals(1, crossed.size(), crossed.toString());
        assertTrue(crossed.get(0).startsWith("warning: dead ReLU units after epoch 6, on a training batch: relu1 91.0% "
                + "(was 51.0% at epoch 4); over 90% of the units"), crossed.get(0));
        assertEquals(List.of(), log.add(7, dead(0.05, 0.95)), "the warning is not repeated");
        assertEquals(List.of(), log.add(8, dead(0.05, 0.89)), "just back under the threshold is no news");
        assertEquals(List.of(), log.add(9, dead(0.05, 0.93)), "nor over it again");
        assertEquals(List.of("check: dead ReLU units after epoch 10, on a training batch: relu1 70.0% (was 91.0% at epoch 6)"),
                log.add(10, dead(0.05, 0.70)), "far back");
        assertEquals(4, log.shown().size());
    }

    @Test void updateRatiosAreShownAgainWhenTheyGrowTenfold() {
        DiagnosticsLog log = new DiagnosticsLog();
        assertEquals(List.of("check: update/weight ratio at the first step of epoch 1: w0 1.7e-02, w1 5.5e-02"),
                log.add(1, ratios(true, 1.7e-2, 5.5e-2)));
        assertEquals(List.of(), log.add(2, ratios(false, 8.6e-4, 2.0e-3)), "Adam's later steps and a schedule make them fall");
        assertEquals(List.of(), log.add(3, ratios(false, 1e-1, 2e-1)), "less than tenfold");
        assertEquals(List.of("check: update/weight ratio at the first step of epoch 4: w0 2.0e-01 (was 1.7e-02 at epoch 1)"),
                log.add(4, ratios(false, 2e-1, 2e-1)));
    }

    @Test void aBadRunWarnsOnceAFigureWithTheAdvice() {
        DiagnosticsLog log = new DiagnosticsLog();
        List<String> lines = log.add(1, ratios(true, 4.3, 10.0, 1e-2));   // measured with Adam at lr 0.5, and one healthy
        assertEquals(List.of("check: update/weight ratio at the first step of epoch 1: w2 1.0e-02",
                "warning: update/weight ratio at the first step of epoch 1: w0 4.3e+00, w1 1.0e+01; a step moves the weights "
                        + "by more than their own size: the learning rate is too high"), lines);
        assertEquals(List.of(), log.add(2, ratios(false, 4.0, 12.0, 1e-2)));
        assertEquals(List.of(), log.add(3, ratios(false, 0.0, 0.0, 1e-3)), "a warning that stops is not news by itself");
        List<String> low = new DiagnosticsLog().add(1, ratios(true, 7.7e-7));   // SGD at lr 1e-4
        assertTrue(low.get(0).endsWith("w0 7.7e-07; far below the usual 1e-3: the learning rate may be too low"), low.get(0));
        assertEquals(List.of("warning: loss at initialization 9.7000; expected about ln(10) = 2.3026 for 10 classes: check "
                + "the weight scale (too large?) and the loss"), log.add(1, List.of(Diagnostics.initialLoss(9.7, 10))));
    }

    @Test void manyValuesAreSummarizedAndTheReportHasEveryEpoch() {
        DiagnosticsLog log = new DiagnosticsLog();
        double[] healthy = new double[20];
        for (int i = 0; i < healthy.length; i++) healthy[i] = 0.002 + 0.002 * i;
        assertEquals(List.of("check: dead ReLU units after epoch 1, on a training batch: 0.2% to 4.0% over 20 layers "
                + "(highest: relu19 4.0%)"), log.add(1, dead(healthy)));
        healthy[3] = 0.95;
        healthy[4] = 0.99;
        assertEquals(List.of(), log.add(2, dead(0.002, 0.004)), "two layers measured, unchanged");
        List<String> lines = log.add(3, dead(healthy));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("warning: dead ReLU units after epoch 3, on a training batch: relu3 95.0% (was "
                + "0.8% at epoch 1), relu4 99.0% (was 1.0% at epoch 1); over 90%"), lines.get(0));
        String report = log.report();
        assertTrue(report.startsWith("shown during the run:\n  check: dead ReLU units after epoch 1"), report);
        assertTrue(report.contains("dead ReLU units after each epoch, on a training batch (* warns)\n"), report);
        assertTrue(report.matches("(?s).*\nepoch +1 +2 +3\n.*"), report);
        assertTrue(report.matches("(?s).*\nrelu1 +0\\.4% +0\\.4% +0\\.4%\n.*"), report);
        assertTrue(report.matches("(?s).*\nrelu4 +1\\.0% +- +99\\.0%\\*\n.*"), report);
    }

    @Test void firstNonFiniteLayerIsNamed() {
        Linear first = new Linear(2, 2, new Generator(3));
        Sequential model = new Sequential(first, new Relu(), new Linear(2, 2, new Generator(4)));
        Tensor x = Tensor.ones(1, 2);
        assertNull(Diagnostics.firstNonFiniteLayer(model, x));
        try (var ignored = GradMode.noGrad()) {
            first.weight().assign(Tensor.full(Float.POSITIVE_INFINITY, 2, 2));
        }
        assertEquals("0 (Linear(inFeatures=2, outFeatures=2, bias=true))", Diagnostics.firstNonFiniteLayer(model, x));
        assertEquals("the input batch", Diagnostics.firstNonFiniteLayer(model, Tensor.full(Float.NaN, 1, 2)));
    }
}
