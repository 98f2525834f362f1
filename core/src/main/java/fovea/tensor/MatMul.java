package fovea.tensor;

import fovea.kernel.Sgemm;

/**
 * PyTorch's matmul: 1-d operands are promoted and the added dim removed afterwards; batch dims broadcast;
 * a batch of matrices times one matrix folds the batch into the rows, so it is one large GEMM.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least one dim; got " + a.shape()
                    + " and " + b.shape());
        }
        if (a.rank() == 1 && b.rank() == 1) return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (a.rank() == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
        if (b.rank() == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
        checkInner(a.shape(), b.shape());
        if (b.rank() == 2 && a.rank() > 2) {
            int[] dims = a.shape().dims();
            int k = dims[dims.length - 1];
            Tensor rows = product(a.reshape(-1, k), b);
            dims[dims.length - 1] = b.shape().dim(1);
            return rows.reshape(dims);
        }
        return product(a, b);
    }

    /**
     * PyTorch's F.linear as one node: y = x Wᵀ + b for x [..., in], W [out, in], b [out] or null. The GEMM reads
     * W transposed in place, so no transposed copy is made; d/dx = g W, d/dW = gᵀ x, d/db = column sums of g.
     */
    static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || x.rank() < 1 || x.shape().dim(-1) != weight.size(1)
                || (bias != null && (bias.rank() != 1 || bias.size(0) != weight.size(0)))) {
            throw new IllegalArgumentException("linear: expected input [..., in], weight [out, in] and bias [out]; got "
                    + x.shape() + ", " + weight.shape() + " and " + (bias == null ? "no bias" : bias.shape()));
        }
        int in = weight.size(1);
        int outFeatures = weight.size(0);
        int rows = in == 0 ? 0 : x.numel() / in;
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = outFeatures;
        Shape outShape = Shape.of(dims);
        float[] out = new float[rows * outFeatures];
        if (bias != null) {
            for (int r = 0; r < rows; r++) System.arraycopy(bias.data, 0, out, r * outFeatures, outFeatures);
        }
        if (rows > 0 && outFeatures > 0) {
            Sgemm.sgemm(false, true, rows, outFeatures, in, 1f, x.data, 0, in, weight.data, 0, in,
                    bias == null ? 0f : 1f, out, 0, outFeatures);
        }
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.derived("linear", out, outShape, inputs, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            if (x.requiresGrad()) {
                float[] dx = new float[x.numel()];
                if (rows > 0 && in > 0 && outFeatures > 0) {
                    Sgemm.sgemm(false, false, rows, in, outFeatures, 1f, g.data, 0, outFeatures, weight.data, 0, in,
                            0f, dx, 0, in);
                }
                grads[0] = new Tensor(dx, x.shape());
            }
            if (weight.requiresGrad()) {
                float[] dw = new float[weight.numel()];
                if (rows > 0 && in > 0 && outFeatures > 0) {
                    Sgemm.sgemm(true, false, outFeatures, in, rows, 1f, g.data, 0, outFeatures, x.data, 0, in,
                            0f, dw, 0, in);
                }
                grads[1] = new Tensor(dw, weight.shape());
            }
            if (bias != null && bias.requiresGrad()) grads[2] = g.reshape(rows, outFeatures).sum(0, false);
            return grads;
        }, true);
    }

    private static void checkInner(Shape a, Shape b) {
        int inner = a.dim(-1);
        int other = b.dim(-2);
        if (inner != other) {
            throw new IllegalArgumentException("matmul: cannot multiply " + a + " by " + b + "; inner dims " + inner
                    + " and " + other + " differ");
        }
    }

    /** a @ b for rank >= 2 with broadcast batch dims: d/da = g bᵀ, d/db = aᵀ g, each summed to its shape. */
    private static Tensor product(Tensor a, Tensor b) {
        Tensor out = new Tensor(multiply(a, false, b, false), outShape(a.shape(), false, b.shape(), false));
        return Tensor.derived("matmul", out.data, out.shape(), new Tensor[] {a, b}, g -> new Tensor[] {
            a.requiresGrad() ? new Tensor(multiply(g, false, b, true), outShape(g.shape(), false, b.shape(), true))
                    .sumTo(a.shape()) : null,
            b.requiresGrad() ? new Tensor(multiply(a, true, g, false), outShape(a.shape(), true, g.shape(), false))
                    .sumTo(b.shape()) : null});
    }

    private static Shape batchShape(Shape a, Shape b) {
        Shape batchA = Shape.of(java.util.Arrays.copyOf(a.dims(), a.rank() - 2));
        Shape batchB = Shape.of(java.util.Arrays.copyOf(b.dims(), b.rank() - 2));
        return Shape.broadcast("matmul", batchA, batchB);
    }

    private static Shape outShape(Shape a, boolean transA, Shape b, boolean transB) {
        int[] batch = batchShape(a, b).dims();
        int[] dims = java.util.Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = transA ? a.dim(-1) : a.dim(-2);
        dims[batch.length + 1] = transB ? b.dim(-2) : b.dim(-1);
        return Shape.of(dims);
    }

    /** op(a) @ op(b) over broadcast batches, where op transposes the last two dims when asked. */
    private static float[] multiply(Tensor a, boolean transA, Tensor b, boolean transB) {
        Shape as = a.shape();
        Shape bs = b.shape();
        int m = transA ? as.dim(-1) : as.dim(-2);
        int k = transA ? as.dim(-2) : as.dim(-1);
        int n = transB ? bs.dim(-2) : bs.dim(-1);
        Shape batch = batchShape(as, bs);
        int batches = batch.numel();
        float[] out = new float[batches * m * n];
        if (m == 0 || n == 0) return out;
        int[] aStrides = batchStrides(as, batch, as.dim(-2) * as.dim(-1));
        int[] bStrides = batchStrides(bs, batch, bs.dim(-2) * bs.dim(-1));
        int lda = as.dim(-1);
        int ldb = bs.dim(-1);
        int[] counter = new int[batch.rank()];
        int aOffset = 0;
        int bOffset = 0;
        for (int p = 0; p < batches; p++) {
            Sgemm.sgemm(transA, transB, m, n, k, 1f, a.data, aOffset, lda, b.data, bOffset, ldb, 0f, out, p * m * n, n);
            for (int d = batch.rank() - 1; d >= 0; d--) {
                counter[d]++;
                aOffset += aStrides[d];
                bOffset += bStrides[d];
                if (counter[d] < batch.dim(d)) break;
                aOffset -= aStrides[d] * counter[d];
                bOffset -= bStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    /** Element strides of an operand's batch dims within the broadcast batch (0 where broadcast). */
    private static int[] batchStrides(Shape operand, Shape batch, int matrixSize) {
        int own = operand.rank() - 2;
        int[] strides = new int[batch.rank()];
        int stride = matrixSize;
        for (int d = own - 1; d >= 0; d--) {
            int target = d + batch.rank() - own;
            strides[target] = operand.dim(d) == 1 ? 0 : stride;
            stride *= operand.dim(d);
        }
        return strides;
    }
}
