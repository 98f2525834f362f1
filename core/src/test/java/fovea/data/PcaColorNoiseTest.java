package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fit finds the principal colour axes; the noise moves every pixel's colour by the same vector. */
class PcaColorNoiseTest {
    private static final double[] P1 = unit(1, 1, 1);
    private static final double[] P2 = unit(1, -1, 0);
    private static final double[] P3 = unit(1, 1, -2);

    private static double[] unit(double... v) {
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }

    @Test void jacobiFindsTheEigenvectorsOfAKnownSymmetricMatrix() {
        double[] lambda = {5, 2, 0.5};
        double[][] p = {P1, P2, P3};
        double[][] matrix = new double[3][3];
        for (int k = 0; k < 3; k++) for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            matrix[i][j] += lambda[k] * p[k][i] * p[k][j];
        }
        PcaColorNoise.Eigen eigen = PcaColorNoise.symmetricEigen(matrix);
        assertArrayEquals(lambda, eigen.values(), 1e-12);
        for (int k = 0; k < 3; k++) assertParallel(p[k], eigen.vectors()[k]);
        PcaColorNoise.Eigen diagonal = PcaColorNoise.symmetricEigen(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}});
        assertArrayEquals(new double[] {3, 2, 1}, diagonal.values());
        assertArrayEquals(new double[] {0, 1, 0}, diagonal.vectors()[0]);
    }

    /** Equal up to sign, and with the sign the decomposition promises: the largest component positive. */
    private static void assertParallel(double[] expected, double[] actual) {
        double dot = 0;
        for (int i = 0; i < 3; i++) dot += expected[i] * actual[i];
        assertEquals(1, Math.abs(dot), 1e-12, Arrays.toString(actual));
        double largest = Arrays.stream(actual).map(Math::abs).max().orElseThrow();
        assertTrue(Arrays.stream(actual).anyMatch(v -> v == largest), "largest component positive: " + Arrays.toString(actual));
    }

    /**
     * Two images of 2x2 pixels, each pixel (0.5, 0.5, 0.5) + a s P1 + b t P2 for the four signs (s, t): the pixel
     * covariance is a^2 P1 P1^T + b^2 P2 P2^T exactly.
     */
    private static TensorDataset knownCovariance(double a, double b) {
        float[] values = new float[2 * 12];
        int[][] signs = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
        for (int image = 0; image < 2; image++) {
            for (int j = 0; j < 4; j++) {
                for (int c = 0; c < 3; c++) {
                    values[image * 12 + c * 4 + j] = (float) (0.5 + a * signs[j][0] * P1[c] + b * signs[j][1] * P2[c]);
                }
            }
        }
        return new TensorDataset(values, new int[] {3, 2, 2}, new int[] {0, 1});
    }

    @Test void fitFindsThePrincipalColourAxesOfTheTrainingSet() {
        PcaColorNoise noise = PcaColorNoise.fit(knownCovariance(0.3, 0.1));
        assertArrayEquals(new double[] {0.09, 0.01, 0}, noise.eigenvalues(), 1e-6);
        assertParallel(P1, noise.eigenvectors()[0]);
        assertParallel(P2, noise.eigenvectors()[1]);
        assertEquals(0.1, noise.std());
    }

    @Test void noiseShiftsTheMeanColourButKeepsDifferencesWithinTheImage() {
        PcaColorNoise noise = new PcaColorNoise(new double[] {0.5, 0.2, 0.1}, new double[][] {P1, P2, P3}, 0.1);
        Tensor image = Tensor.rand(new Generator(1), 3, 4, 5);
        Tensor out = noise.apply(image, new Generator(2));
        float[] in = image.toArray();
        float[] shifted = out.toArray();
        for (int c = 0; c < 3; c++) {
            float shift = shifted[c * 20] - in[c * 20];
            assertTrue(Math.abs(shift) > 1e-4, "channel " + c + " moves");
            for (int j = c * 20; j < (c + 1) * 20; j++) assertEquals(shift, shifted[j] - in[j], 1e-6, "pixel " + j);
        }
        // The shift is a combination of the eigenvectors with weights alpha_i lambda_i, as the formula says.
        Generator replay = new Generator(2);
        double[] expected = new double[3];
        double[][] p = {P1, P2, P3};
        double[] lambda = {0.5, 0.2, 0.1};
        for (int i = 0; i < 3; i++) {
            double weight = 0.1 * replay.nextGaussian() * lambda[i];
            for (int c = 0; c < 3; c++) expected[c] += weight * p[i][c];
        }
        for (int c = 0; c < 3; c++) assertEquals(expected[c], shifted[c * 20] - in[c * 20], 1e-6);
    }

    @Test void theSeedDecidesTheNoise() {
        PcaColorNoise noise = PcaColorNoise.fit(knownCovariance(0.3, 0.1));
        Tensor image = Tensor.rand(new Generator(3), 3, 4, 4);
        float[] first = noise.apply(image, new Generator(4)).toArray();
        assertArrayEquals(first, noise.apply(image, new Generator(4)).toArray());
        assertFalse(Arrays.equals(first, noise.apply(image, new Generator(5)).toArray()));
        assertArrayEquals(image.toArray(), noise.withStd(0).apply(image, new Generator(4)).toArray());
    }

    @Test void rejectsGrayscaleImagesSayingWhy() {
        TensorDataset gray = new TensorDataset(new float[8], new int[] {1, 2, 2}, new int[] {0, 1});
        assertEquals("PcaColorNoise.fit: PCA colour noise needs RGB images, and example 0 is not one; got [1, 2, 2], "
                        + "expected [3, H, W]",
                assertThrows(IllegalArgumentException.class, () -> PcaColorNoise.fit(gray)).getMessage());
        PcaColorNoise noise = PcaColorNoise.fit(knownCovariance(0.3, 0.1));
        assertEquals("PcaColorNoise: PCA colour noise needs RGB images; got [1, 28, 28], expected [3, H, W]",
                assertThrows(IllegalArgumentException.class,
                        () -> noise.apply(Tensor.zeros(1, 28, 28), new Generator(1))).getMessage());
    }
}
