package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Examples come out of the features tensor one by one; bad shapes and labels are refused clearly. */
class TensorDatasetTest {
    @Test void returnsExamplesOfTheExampleShape() {
        TensorDataset data = new TensorDataset(Tensor.arange(12).reshape(3, 2, 2), Tensor.of(new float[] {2, 0, 1}));
        assertEquals(3, data.size());
        assertEquals(3, data.classCount());
        Example second = data.get(1);
        assertEquals("[2, 2]", second.features().shape().toString());
        assertArrayEquals(new float[] {4, 5, 6, 7}, second.features().toArray());
        assertEquals(0, second.label());
        assertThrows(IndexOutOfBoundsException.class, () -> data.get(3));
    }

    @Test void refusesMismatchedOrFractionalLabels() {
        assertEquals("TensorDataset: expected features [N, ...] and labels [N]; got [3, 2] and [2]",
                assertThrows(IllegalArgumentException.class,
                        () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(2))).getMessage());
        assertEquals("TensorDataset: labels must be whole numbers >= 0; got 1.5 at index 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new TensorDataset(Tensor.zeros(2, 2), Tensor.of(new float[] {0, 1.5f}))).getMessage());
    }
}
