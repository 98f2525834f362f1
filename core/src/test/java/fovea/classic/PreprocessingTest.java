package fovea.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Centering, standardization, PCA (against scikit-learn), PCA and ZCA whitening, and the pull-back of weights. */
class PreprocessingTest {
    /** The 8x8 centre crop (rows and columns 10..17) of the first 500 sample training images, in [0, 1]. */
    static Tensor crop() throws IOException {
        TensorDataset train = FashionMnist.readTraining(FashionMnist.Sources.defaults().sample());
        return train.features().slice(0, 0, 500).slice(2, 10, 18).slice(3, 10, 18).reshape(500, 64);
    }

    private static double[] numbers(String line, int skip) {
        return Arrays.stream(line.split(" ")).skip(skip).mapToDouble(Double::parseDouble).toArray();
    }

    @Test void pcaMatchesScikitLearnUpToSign() throws IOException {
        // pca_sklearn.txt: scikit-learn's PCA(5, svd_solver='full') on the same crop; see make_sklearn_reference.py
        List<String> lines = KnnTest.lines("pca_sklearn.txt");
        Pca pca = Pca.fit(crop(), Pca.Config.of(5));
        double[] variance = numbers(lines.get(0), 1);
        double[] ratio = numbers(lines.get(1), 1);
        double[] mean = numbers(lines.get(2), 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(variance[i], pca.explainedVariance()[i], 1e-5 * variance[0], "explained variance " + i);
            assertEquals(ratio[i], pca.explainedVarianceRatio()[i], 1e-5, "ratio " + i);
        }
        for (int j = 0; j < 64; j++) assertEquals(mean[j], pca.mean().get(j), 1e-6, "mean " + j);
        Tensor components = pca.components();
        for (int i = 0; i < 5; i++) {
            double[] expected = numbers(lines.get(3 + i), 2);
            double dot = 0;
            for (int j = 0; j < 64; j++) dot += expected[j] * components.get(i, j);
            double sign = Math.signum(dot);
            for (int j = 0; j < 64; j++) {
                assertEquals(expected[j], sign * components.get(i, j), 2e-4, "component " + i + " feature " + j);
            }
        }
    }

    @Test void eigenvectorsSatisfyTheDefinitionOnOddSizes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 7, 31, 100}) {
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.nextGaussian();
            }
            SymmetricEigen.Result result = SymmetricEigen.decompose(a, n);
            SymmetricEigen.Result oracle = SymmetricEigen.jacobi(a, n);
            for (int r = 0; r < n; r++) {
                assertEquals(oracle.values()[r], result.values()[r], 1e-10, "eigenvalue " + r + " against Jacobi, n=" + n);
                if (r > 0) assertEquals(true, result.values()[r] <= result.values()[r - 1], "descending");
                for (int i = 0; i < n; i++) {
                    double av = 0;
                    for (int j = 0; j < n; j++) av += a[i * n + j] * result.vectors()[r * n + j];
                    assertEquals(result.values()[r] * result.vectors()[r * n + i], av, 1e-10, "A v = lambda v, n=" + n);
                }
                for (int s = 0; s < n; s++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) dot += result.vectors()[r * n + j] * result.vectors()[s * n + j];
                    assertEquals(r == s ? 1 : 0, dot, 1e-12, "orthonormal");
                }
            }
        }
    }

    @Test void repeatedAndZeroEigenvalues() {
        int n = 9;
        double[] ones = new double[n * n];
        java.util.Arrays.fill(ones, 1);                      // eigenvalues n, 0 (n - 1 times)
        SymmetricEigen.Result result = SymmetricEigen.decompose(ones, n);
        assertEquals(n, result.values()[0], 1e-12);
        for (int i = 1; i < n; i++) assertEquals(0, result.values()[i], 1e-12);
        for (int j = 0; j < n; j++) assertEquals(1 / Math.sqrt(n), result.vectors()[j], 1e-12, "positive by the sign rule");
        double[] diagonal = new double[n * n];
        for (int i = 0; i < n; i++) diagonal[i * n + i] = i % 3;
        assertArrayEquals(new double[] {2, 2, 2, 1, 1, 1, 0, 0, 0}, SymmetricEigen.decompose(diagonal, n).values());
    }

    @Test void whitenedFeaturesHaveIdentityCovarianceOnTheTrainingSet() throws IOException {
        Tensor x = crop();
        Tensor pcaWhite = Pca.fit(x, new Pca.Config(10, true, 1e-8)).apply(x);
        assertIdentityCovariance(pcaWhite, 10, 1, 1e-3);
        assertIdentityCovariance(Zca.fit(x, 1e-8).apply(x), 64, 1, 2e-2);
        // population std (as scikit-learn's StandardScaler): the N - 1 covariance of the result is N / (N - 1)
        assertIdentityCovariance(Standardizing.fit(x).apply(x).slice(1, 20, 21), 1, 500.0 / 499, 1e-4);
        Tensor centred = Centering.fit(x).apply(x);
        for (int j = 0; j < 64; j++) assertEquals(0, centred.slice(1, j, j + 1).mean().item(), 1e-5);
    }

    private static void assertIdentityCovariance(Tensor y, int d, double diagonal, double tolerance) {
        Tensor centred = y.sub(y.mean(0, true));
        Tensor covariance = centred.transpose(0, 1).matmul(centred).div(y.size(0) - 1);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) assertEquals(i == j ? diagonal : 0, covariance.get(i, j), tolerance, i + "," + j);
        }
    }

    @Test void pullBackGivesTheSameScoresOnTheOriginalFeatures() throws IOException {
        Tensor x = crop();
        Tensor test = x.slice(0, 0, 20).add(0.01f);
        Generator random = new Generator(3);
        for (FeatureTransform transform : List.of(FeatureTransform.identity(64), Centering.fit(x), Standardizing.fit(x),
                Pca.fit(x, Pca.Config.of(7)), Pca.fit(x, new Pca.Config(7, true, 1e-5)), Zca.fit(x, 0.1))) {
            Tensor w = Tensor.randn(random, transform.outFeatures(), 3);
            Tensor scores = transform.apply(test).matmul(w);
            Tensor mean = transform instanceof Standardizing s ? s.mean() : Centering.meanOf(x);
            Tensor original = (transform.toString().equals("identity") ? test : test.sub(mean)).matmul(transform.pullBack(w));
            float[] a = scores.toArray(), b = original.toArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-3 * (1 + Math.abs(a[i])), transform + " at " + i);
        }
    }

    @Test void badArgumentsShowTheShapes() {
        assertEquals("Pca.fit: components must be <= 3, the features of [4, 3]; got 5",
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(Tensor.zeros(4, 3), Pca.Config.of(5))).getMessage());
        assertEquals("Centering: expected rows [N, 3] with N >= 1; got [2, 4]",
                assertThrows(IllegalArgumentException.class, () -> Centering.fit(Tensor.zeros(4, 3)).apply(Tensor.zeros(2, 4))).getMessage());
        assertArrayEquals(new float[] {0, 0}, Standardizing.fit(Tensor.ones(3, 2)).apply(Tensor.ones(1, 2)).toArray(),
                "a feature with std 0 is only centred");
    }
}
