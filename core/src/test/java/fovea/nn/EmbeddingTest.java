package fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Embedding: PyTorch's name and N(0, 1) init, rows picked by index, gradients summed per row, bad indices. */
class EmbeddingTest {
    @Test void picksRowsAndSumsGradientsOfRepeatedIndices() {
        Embedding embedding = new Embedding(1000, 3, new SplittableRandom(2));
        assertEquals(List.of("weight"), List.copyOf(embedding.namedParameters().keySet()));
        Tensor w = embedding.weight();
        assertEquals(0, w.mean().item(), 0.1);
        assertEquals(1, w.var().item(), 0.1);
        Tensor idx = Tensor.of(new float[] {4, 0, 4, 7}, 2, 2);
        Tensor out = embedding.forward(idx);
        assertEquals(Shape.of(2, 2, 3), out.shape());
        assertArrayEquals(w.slice(0, 4, 5).toArray(), out.slice(0, 1, 2).slice(1, 0, 1).toArray());
        out.sum().backward();
        assertArrayEquals(new float[] {2, 2, 2}, embedding.weight().grad().slice(0, 4, 5).toArray(), "index 4 used twice");
        assertArrayEquals(new float[] {0, 0, 0}, embedding.weight().grad().slice(0, 1, 2).toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> embedding.forward(Tensor.of(new float[] {1000})));
    }
}
