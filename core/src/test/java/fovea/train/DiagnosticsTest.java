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
        assertTrue(Diagnostics.deadReluFindings(Map.of("1", 0.9)).get(0).warning());
    }

    @Test void updateRatios() {
        Tensor w = Tensor.full(1f, 100);
        Map<String, float[]> before = Map.of("w", w.toArray());
        Map<String, Double> ratios = Diagnostics.updateRatios(before, Map.of("w", w.add(1e-3f)));
        assertEquals(1e-3, ratios.get("w"), 1e-6);
        assertFalse(Diagnostics.updateRatioFindings(ratios).get(0).warning());
        assertTrue(Diagnostics.updateRatioFindings(Map.of("w", 0.5)).get(0).message().endsWith("too high"));
        assertTrue(Diagnostics.updateRatioFindings(Map.of("w", 1e-7)).get(0).message().endsWith("too low"));
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
