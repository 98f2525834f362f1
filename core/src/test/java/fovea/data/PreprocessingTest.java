package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Statistics come from the training set only and apply unchanged to examples, batches and other sets. */
class PreprocessingTest {
    /** Two examples [2 channels, 2 positions]: channel 0 holds 1..4, channel 1 holds 10, 10, 30, 30. */
    private static final TensorDataset TRAIN = new TensorDataset(
            Tensor.of(new float[] {1, 2, 10, 10, 3, 4, 30, 30}, 2, 2, 2), Tensor.of(new float[] {0, 1}));
    private static final Tensor OTHER = Tensor.of(new float[] {5, 5, 20, 20}, 2, 2);

    @Test void meanImageSubtractsTheMeanAtEachPosition() {
        MeanImageSubtraction mean = MeanImageSubtraction.fit(TRAIN);
        assertArrayEquals(new float[] {2, 3, 20, 20}, mean.mean().toArray());
        assertArrayEquals(new float[] {3, 2, 0, 0}, mean.apply(OTHER).toArray());
        TensorDataset centred = mean.apply(TRAIN);
        assertArrayEquals(new float[] {-1, -1, -10, -10, 1, 1, 10, 10}, centred.features().toArray());
        assertArrayEquals(TRAIN.labels().toArray(), centred.labels().toArray());
    }

    @Test void channelMeanSubtractsOneMeanPerChannel() {
        ChannelMeanSubtraction mean = ChannelMeanSubtraction.fit(TRAIN);
        assertEquals("[2, 1]", mean.mean().shape().toString());
        assertArrayEquals(new float[] {2.5f, 20}, mean.mean().toArray());
        Tensor batch = Tensor.stack(0, OTHER, OTHER);
        assertArrayEquals(new float[] {2.5f, 2.5f, 0, 0, 2.5f, 2.5f, 0, 0}, mean.apply(batch).toArray());
    }

    @Test void standardizationGivesZeroMeanUnitStdOnTheTrainingSet() {
        Standardization standard = Standardization.fit(TRAIN);
        assertArrayEquals(new float[] {2.5f, 20}, standard.mean().toArray());
        assertArrayEquals(new float[] {(float) Math.sqrt(1.25), 10}, standard.std().toArray(), 1e-6f);
        float[] z = standard.apply(TRAIN).features().toArray();
        assertArrayEquals(new float[] {-1, -1, 1, 1}, new float[] {z[2], z[3], z[6], z[7]}, 1e-6f);
        assertEquals(0, z[0] + z[1] + z[4] + z[5], 1e-6f);
    }

    @Test void aConstantChannelIsShiftedNotDividedByZero() {
        TensorDataset constant = new TensorDataset(Tensor.full(3, 4, 1, 2), Tensor.zeros(4));
        assertArrayEquals(new float[] {0, 0}, Standardization.fit(constant).apply(Tensor.full(3, 1, 2)).toArray());
        assertArrayEquals(new float[] {1, 1}, MinMaxScaling.fit(constant).apply(Tensor.full(4, 1, 2)).toArray());
    }

    @Test void minMaxScalesTheTrainingRangeToZeroOne() {
        MinMaxScaling scaling = MinMaxScaling.fit(TRAIN);
        assertArrayEquals(new float[] {1, 10}, scaling.min().toArray());
        assertArrayEquals(new float[] {4, 30}, scaling.max().toArray());
        assertArrayEquals(new float[] {0, 1 / 3f, 0, 0, 2 / 3f, 1, 1, 1}, scaling.apply(TRAIN).features().toArray(), 1e-6f);
        assertArrayEquals(new float[] {4 / 3f, 4 / 3f, 0.5f, 0.5f}, scaling.apply(OTHER).toArray(), 1e-6f);
    }

    @Test void aWrongShapeNamesTheExpectedOnes() {
        assertEquals("Standardization: expected an example [2, 2] or a batch [B, 2, 2]; got [3, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Standardization.fit(TRAIN).apply(Tensor.zeros(3, 2))).getMessage());
    }
}
