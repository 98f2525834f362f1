package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Creation, queries, forward values of the ops, printing, and the error messages (STYLE.md §7). */
class TensorTest {
    @Test void creation() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, Tensor.zeros(2, 3).toArray());
        assertArrayEquals(new float[] {1, 1}, Tensor.ones(2).toArray());
        assertArrayEquals(new float[] {7, 7, 7}, Tensor.full(7, 3).toArray());
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toArray());
        assertArrayEquals(new float[] {1, 0.5f, 0, -0.5f}, Tensor.arange(1, -1, -0.5f).toArray());
        assertEquals(Shape.scalar(), Tensor.scalar(3).shape());
        assertEquals(3f, Tensor.scalar(3).item());
        assertEquals(Shape.of(1), Tensor.of(new float[] {3}).shape());
        assertEquals(Shape.scalar(), Tensor.of(new float[] {3}, Shape.scalar()).shape());
        assertEquals(Shape.of(2, 2), Tensor.of(new float[][] {{1, 2}, {3, 4}}).shape());
        assertEquals(4f, Tensor.of(new float[][] {{1, 2}, {3, 4}}).get(1, 1));
    }

    @Test void seededRandomIsReproducible() {
        Tensor a = Tensor.randn(new SplittableRandom(5), 100);
        Tensor b = Tensor.randn(new SplittableRandom(5), 100);
        assertArrayEquals(a.toArray(), b.toArray());
        Tensor u = Tensor.rand(new SplittableRandom(5), 1000);
        assertTrue(u.min().item() >= 0 && u.max().item() < 1);
        assertEquals(0.5, u.mean().item(), 0.05);
        Tensor n = Tensor.randn(new SplittableRandom(9), 10000);
        assertEquals(0, n.mean().item(), 0.05);
        assertEquals(1, n.var().item(), 0.05);
    }

    @Test void toArrayIsACopy() {
        Tensor t = Tensor.of(new float[] {1, 2}, 2);
        t.toArray()[0] = 99;
        assertEquals(1f, t.get(0));
    }

    @Test void broadcastingArithmetic() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor column = Tensor.of(new float[] {100, 200}, 2, 1);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(row).toArray());
        assertArrayEquals(new float[] {101, 102, 103, 204, 205, 206}, a.add(column).toArray());
        assertArrayEquals(new float[] {110, 120, 130, 210, 220, 230}, row.add(column).toArray());
        assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, a.neg().toArray());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, a.div(2).toArray());
        assertArrayEquals(new float[] {1, 4, 9}, row.div(10).pow(2).toArray());
        assertArrayEquals(new float[] {2, 2, 3, 4, 4, 4}, a.clamp(2, 4).toArray());
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1}, a.gt(2).toArray());
        assertArrayEquals(new float[] {3, 2, 3, 4, 5, 6}, a.maximum(Tensor.scalar(3)).minimum(a).add(a.eq(1f).mul(2)).toArray());
        Tensor mask = Tensor.of(new float[] {1, 0, 1}, 3);
        assertArrayEquals(new float[] {1, 20, 3, 4, 20, 6}, Tensor.where(mask, a, row.slice(0, 1, 2)).toArray());
    }

    @Test void unaryValues() {
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 1, 3}, 5);
        assertArrayEquals(new float[] {0, 0, 0, 1, 3}, x.relu().toArray());
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0, 1, 3}, x.leakyRelu(0.1f).toArray(), 1e-7f);
        assertArrayEquals(new float[] {2, 0.5f, 0, 1, 3}, x.abs().toArray());
        assertEquals(Math.expm1(-2), x.elu(1).get(0), 1e-6);
        assertEquals(1 / (1 + Math.exp(2)), x.sigmoid().get(0), 1e-7);
        assertEquals(Math.tanh(3), x.tanh().get(4), 1e-7);
        assertEquals(Math.log1p(Math.exp(3)), x.softplus().get(4), 1e-6);
        // no overflow at the extremes
        Tensor big = Tensor.of(new float[] {-1000, 1000}, 2);
        assertArrayEquals(new float[] {0, 1}, big.sigmoid().toArray());
        assertArrayEquals(new float[] {0, 1000}, big.softplus().toArray());
        assertArrayEquals(new float[] {0, 1}, big.softmax(0).toArray());
        assertArrayEquals(new float[] {-2000, 0}, big.logSoftmax(0).toArray());
    }

    @Test void reductions() {
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(276f, a.sum().item());
        assertArrayEquals(new float[] {12, 15, 18, 21, 48, 51, 54, 57}, a.sum(1, false).toArray());
        assertEquals(Shape.of(2, 1, 4), a.sum(1, true).shape());
        assertArrayEquals(new float[] {60, 66, 72, 78}, a.sum(new int[] {0, 1}, false).toArray());
        assertArrayEquals(new float[] {60 + 66 + 72 + 78}, a.sum(new int[] {0, 2, 1}, false).reshape(1).toArray());
        assertEquals(Shape.of(3), a.sum(new int[] {0, 2}, false).shape());
        assertArrayEquals(new float[] {3, 7, 11, 15, 19, 23}, a.max(2, false).toArray());
        assertArrayEquals(new float[] {0, 1, 2, 3}, a.min(new int[] {0, 1}, false).toArray());
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3}, a.argmax(2, false).toArray());
        assertEquals(23f, a.argmax().item());
        assertEquals(11.5f, a.mean().item());
        assertArrayEquals(new float[] {1.6666666f, 1.6666666f}, Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).var(0, false).add(-0.3333333f).toArray(), 1e-5f);
        assertEquals(1.25f, Tensor.of(new float[] {1, 2, 3, 4}, 4).var(new int[] {0}, false, 0).item(), 1e-6);
        assertEquals(0f, Tensor.of(new float[] {1, 5, 5}, 3).argmax(0, false).item() - 1f, "ties go to the first");
    }

    @Test void movement() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, a.transpose(0, 1).toArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, a.slice(1, 1, 3).toArray());
        assertArrayEquals(new float[] {0, 2, 3, 5}, a.slice(1, 0, 3, 2).toArray());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2}, a.slice(0, 0, 1).expand(2, 3).toArray());
        assertEquals(Shape.of(2, 1, 3), a.unsqueeze(1).shape());
        assertEquals(Shape.of(2, 3, 1), a.unsqueeze(-1).shape());
        assertEquals(Shape.of(2, 3), a.unsqueeze(0).squeeze().shape());
        assertArrayEquals(new float[] {0, 1, 2, 9, 3, 4, 5, 9}, Tensor.cat(1, a, Tensor.full(9, 2, 1)).toArray());
        assertEquals(Shape.of(2, 2, 3), Tensor.stack(1, a, a).shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, Tensor.stack(1, a, a).toArray());
        assertArrayEquals(new float[] {-1, 0, 1, 2, -1, -1, -1, 3, 4, 5, -1, -1}, a.pad(new int[] {1, 2}, -1).toArray());
        assertEquals(Shape.of(4, 5), a.pad(new int[] {1, 1, 1, 1}, 0).shape());
        assertEquals(Shape.of(6), a.flatten().shape());
        assertEquals(Shape.of(2, 12), Tensor.zeros(2, 3, 4).flatten(1, 2).shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, a.permute(1, 0).toArray());
    }

    @Test void indexing() {
        Tensor a = Tensor.arange(12).reshape(3, 4);
        Tensor picks = Tensor.of(new float[] {3, 0, 1}, 3, 1);
        assertArrayEquals(new float[] {3, 4, 9}, a.gather(1, picks).toArray());
        assertArrayEquals(new float[] {8, 9, 10, 11, 0, 1, 2, 3}, a.indexSelect(0, Tensor.of(new float[] {2, 0}, 2)).toArray());
        assertArrayEquals(new float[] {1, 5, 9}, a.indexSelect(1, Tensor.of(new float[] {1}, 1)).reshape(3).toArray());
    }

    @Test void matmulShapes() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor b = Tensor.arange(12).reshape(3, 4);
        assertArrayEquals(new float[] {20, 23, 26, 29, 56, 68, 80, 92}, a.matmul(b).toArray());
        assertEquals(Shape.of(5, 2, 4), Tensor.zeros(5, 2, 3).matmul(b).shape());
        assertEquals(Shape.of(5, 2, 4), a.matmul(Tensor.zeros(5, 3, 4)).shape());
        assertEquals(Shape.of(2, 5, 2, 4), Tensor.zeros(2, 1, 2, 3).matmul(Tensor.zeros(5, 3, 4)).shape());
        assertEquals(Shape.of(4), Tensor.ones(3).matmul(b).shape());
        assertEquals(Shape.scalar(), Tensor.ones(3).matmul(Tensor.ones(3)).shape());
        Tensor batched = Tensor.arange(12).reshape(2, 2, 3).matmul(Tensor.arange(24).reshape(2, 3, 4));
        assertArrayEquals(Tensor.arange(6).reshape(2, 3).matmul(Tensor.arange(12).reshape(3, 4)).toArray(),
                batched.slice(0, 0, 1).reshape(2, 4).toArray());
    }

    @Test void errorMessagesNameTheOpAndShowEveryShape() {
        assertMessage("matmul: cannot multiply [64, 1568] by [6272, 10]; inner dims 1568 and 6272 differ",
                () -> Tensor.zeros(64, 1568).matmul(Tensor.zeros(6272, 10)));
        assertMessage("add: cannot broadcast [2, 3] with [4]; sizes 3 and 4 differ at dim 1 of the result, and neither is 1",
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertMessage("reshape: cannot view [2, 3] (6 elements) as [4, 2] (8 elements)",
                () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertMessage("sum: dim 3 is out of range for shape [2, 3]; expected a dim in [-2, 1]",
                () -> Tensor.zeros(2, 3).sum(3, false));
        assertMessage("cat: cannot join [2, 3], [3, 3] along dim 1; expected equal sizes in every other dim",
                () -> Tensor.cat(1, Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
        assertMessage("permute: [0, 0] is not a permutation of the 2 dims of [2, 3]",
                () -> Tensor.zeros(2, 3).permute(0, 0));
        assertMessage("gather: index 5.0 is not a whole number in [0, 3) for dim 1 of [2, 3]",
                () -> Tensor.zeros(2, 3).gather(1, Tensor.of(new float[] {5, 0}, 2, 1)));
        assertMessage("expand: cannot expand [2, 3] to [2, 4]; size 3 at dim 1 must be 1 or equal the target",
                () -> Tensor.zeros(2, 3).expand(2, 4));
        assertMessage("Tensor.of: 5 values cannot fill shape [2, 3]; expected 6 values",
                () -> Tensor.of(new float[5], 2, 3));
        assertMessage("item: expected a tensor with one element; got shape [2]", () -> Tensor.zeros(2).item());
    }

    private static void assertMessage(String expected, Runnable action) {
        RuntimeException error = assertThrows(RuntimeException.class, action::run);
        assertEquals(expected, error.getMessage());
    }

    @Test void printing() {
        assertEquals("tensor([[0., 1., 2.],\n        [3., 4., 5.]], shape=[2, 3])", Tensor.arange(6).reshape(2, 3).toString());
        assertEquals("tensor(0.5000, shape=[])", Tensor.scalar(0.5f).toString());
        Tensor x = Tensor.of(new float[] {1.5f, 2}, 2).requiresGrad(true);
        assertEquals("tensor([1.5000, 2.0000], shape=[2], requiresGrad=true)", x.toString());
        assertTrue(x.mul(2).toString().endsWith("op=mul)"));
        String big = Tensor.arange(2000).toString();
        assertTrue(big.startsWith("tensor([0., 1., 2., ..., 1997., 1998., 1999.], shape=[2000]"), big);
    }
}
