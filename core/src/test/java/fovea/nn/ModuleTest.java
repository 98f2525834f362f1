package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Registration, names, modes, state dicts and the layers' behaviour. */
class ModuleTest {
    private final SplittableRandom random = new SplittableRandom(3);

    private Sequential mlp() {
        return new Sequential(new Linear(4, 8, random), new BatchNorm1d(8), new Relu(), new Dropout(0.5f, random),
                new Linear(8, 3, random));
    }

    @Test void namesAreDottedLikePyTorch() {
        Sequential model = mlp();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "4.weight", "4.bias"), List.copyOf(model.stateDict().keySet()));
        assertEquals(4 * 8 + 8 + 8 + 8 + 8 * 3 + 3, model.parameterCount());
        assertTrue(model.parameters().stream().allMatch(Tensor::requiresGrad));
        assertTrue(model.toString().contains("(0): Linear(inFeatures=4, outFeatures=8, bias=true)"), model.toString());
    }

    @Test void trainAndEvalReachTheWholeTree() {
        Sequential model = mlp();
        model.eval();
        assertFalse(model.layers().get(3).isTraining());
        model.train();
        assertTrue(model.layers().get(1).isTraining());
    }

    @Test void loadStateDictCopiesValuesAndListsEveryProblem() {
        Sequential a = mlp();
        Sequential b = mlp();
        assertNotEquals(a.stateDict().get("0.weight").get(0, 0), b.stateDict().get("0.weight").get(0, 0));
        b.loadStateDict(a.stateDict());
        assertArrayEquals(a.stateDict().get("4.weight").toArray(), b.stateDict().get("4.weight").toArray());

        Map<String, Tensor> broken = new LinkedHashMap<>(a.stateDict());
        broken.remove("4.bias");
        broken.put("4.weight", Tensor.zeros(3, 5));
        broken.put("extra", Tensor.zeros(1));
        float before = b.stateDict().get("0.weight").get(0, 0);
        var error = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(broken));
        assertEquals("loadStateDict(Sequential): 3 problems\n  missing: 4.bias\n  unexpected: extra\n"
                + "  shape: 4.weight is [3, 8] in the model, [3, 5] in the file", error.getMessage());
        assertEquals(before, b.stateDict().get("0.weight").get(0, 0), "nothing changed");
    }

    @Test void linearMatchesItsFormulaAndPyTorchsInit() {
        Linear linear = new Linear(100, 50, random);
        float bound = 0.1f;
        assertTrue(linear.weight().abs().max().item() <= bound);
        assertTrue(linear.bias().abs().max().item() <= bound);
        assertEquals(bound * bound / 3, linear.weight().var().item(), 0.1 * bound * bound / 3, "U(-b, b) has variance b^2/3");
        Tensor x = Tensor.randn(random, 7, 100);
        Tensor expected = x.matmul(linear.weight().transpose(0, 1)).add(linear.bias());
        assertArrayEquals(expected.toArray(), linear.forward(x).toArray(), 1e-6f);
        assertEquals(Shape.of(2, 7, 50), linear.forward(Tensor.zeros(2, 7, 100)).shape());
        var error = assertThrows(IllegalArgumentException.class, () -> linear.forward(Tensor.zeros(64, 99)));
        assertEquals("Linear(inFeatures=100, outFeatures=50, bias=true): expected input [..., 100]; got [64, 99]",
                error.getMessage());
    }

    @Test void dropoutIsInvertedInTrainingAndANoOpInEval() {
        Dropout dropout = new Dropout(0.25f, random);
        Tensor x = Tensor.ones(100_000);
        Tensor y = dropout.forward(x);
        float zeros = y.eq(0f).sum().item() / x.numel();
        assertEquals(0.25, zeros, 0.01);
        assertEquals(1.0, y.mean().item(), 0.02, "the expected value is kept");
        assertTrue(y.eq(0f).add(y.eq(4f / 3)).sum().item() == x.numel(), "kept values are scaled by 1/(1-p)");
        dropout.eval();
        assertArrayEquals(x.toArray(), dropout.forward(x).toArray());
    }

    @Test void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInEval() {
        BatchNorm1d norm = new BatchNorm1d(3);
        Tensor x = Tensor.randn(random, 64, 3).mul(2f).add(5f);
        Tensor y = norm.forward(x);
        assertArrayEquals(new float[] {0, 0, 0}, y.mean(0, false).toArray(), 1e-5f);
        assertArrayEquals(new float[] {1, 1, 1}, y.var(new int[] {0}, false, 0).toArray(), 1e-3f);
        Tensor runningMean = norm.stateDict().get("running_mean");
        assertArrayEquals(x.mean(0, false).mul(0.1f).toArray(), runningMean.toArray(), 1e-5f);
        assertEquals(1f, norm.stateDict().get("num_batches_tracked").item());
        norm.eval();
        Tensor z = norm.forward(x);
        Tensor expected = x.sub(runningMean).div(norm.stateDict().get("running_var").add(1e-5f).sqrt());
        assertArrayEquals(expected.toArray(), z.toArray(), 1e-5f);
        assertEquals(1f, norm.stateDict().get("num_batches_tracked").item(), "eval does not count");
    }

    @Test void activationLayers() {
        Tensor x = Tensor.of(new float[] {-2, 3}, 1, 2);
        assertArrayEquals(new float[] {0, 3}, new Relu().forward(x).toArray());
        assertArrayEquals(new float[] {-0.02f, 3}, new LeakyRelu().forward(x).toArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.5f, 3}, new PRelu().forward(x).toArray());
        assertArrayEquals(new float[] {(float) Math.expm1(-2), 3}, new Elu().forward(x).toArray(), 1e-7f);
        assertEquals(1f, new Softmax().forward(x).sum().item(), 1e-6f);
        assertEquals((float) Math.tanh(3), new Tanh().forward(x).get(0, 1), 1e-7f);
        assertEquals(1 / (1 + (float) Math.exp(2)), new Sigmoid().forward(x).get(0, 0), 1e-7f);
        assertEquals(Shape.of(1, 2), new Identity().forward(x).shape());
        assertEquals(Shape.of(2, 12), new Flatten().forward(Tensor.zeros(2, 3, 4)).shape());
        Maxout maxout = new Maxout(4, 3, 2, random);
        assertEquals(Shape.of(5, 3), maxout.forward(Tensor.zeros(5, 4)).shape());
        assertEquals(4 * 6 + 6, maxout.parameterCount());
    }
}
