package fovea.tensor;

import fovea.kernel.Binary;
import fovea.kernel.Loops;

/** Runs kernel loops over broadcast operands, one innermost row at a time, without materializing them. */
final class Broadcast {
    private Broadcast() {}

    /** op(a, b) over the broadcast shape {@code out}. */
    static float[] zip(Binary op, Tensor a, Tensor b, Shape out) {
        float[] result = new float[out.numel()];
        int n = result.length;
        if (n == 0) return result;
        if (a.shape().equals(out) && b.shape().equals(out)) {
            Loops.binary(op, a.data, 0, 1, b.data, 0, 1, result, 0, n);
        } else if (a.shape().equals(out) && b.numel() == 1) {
            Loops.binary(op, a.data, 0, 1, b.data, 0, 0, result, 0, n);
        } else if (b.shape().equals(out) && a.numel() == 1) {
            Loops.binary(op, a.data, 0, 0, b.data, 0, 1, result, 0, n);
        } else {
            int[] as = a.shape().broadcastStrides(out);
            int[] bs = b.shape().broadcastStrides(out);
            forEachRow(out, as, bs, (row, aOffset, bOffset, inner) -> Loops.binary(op, a.data, aOffset,
                    as[out.rank() - 1], b.data, bOffset, bs[out.rank() - 1], result, row * inner, inner));
        }
        return result;
    }

    /** The elements of {@code source} broadcast to {@code out}, materialized. */
    static float[] expand(Tensor source, Shape out) {
        float[] result = new float[out.numel()];
        if (result.length == 0) return result;
        if (source.shape().equals(out)) return source.data.clone();
        int[] strides = source.shape().broadcastStrides(out);
        int last = out.rank() - 1;
        forEachRow(out, strides, strides, (row, offset, unused, inner) -> {
            if (strides[last] == 1) {
                System.arraycopy(source.data, offset, result, row * inner, inner);
            } else {
                java.util.Arrays.fill(result, row * inner, row * inner + inner, source.data[offset]);
            }
        });
        return result;
    }

    /** A visitor of one innermost row: its index, the operands' offsets and the row length. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int row, int aOffset, int bOffset, int inner);
    }

    /** Walks the rows of {@code out} (all dims but the last) keeping two operands' offsets in step. */
    static void forEachRow(Shape out, int[] aStrides, int[] bStrides, RowVisitor visitor) {
        int rank = out.rank();
        if (rank == 0) {
            visitor.row(0, 0, 0, 1);
            return;
        }
        int inner = out.dim(rank - 1);
        int rows = inner == 0 ? 0 : out.numel() / inner;
        int[] counter = new int[rank - 1];
        int aOffset = 0;
        int bOffset = 0;
        for (int row = 0; row < rows; row++) {
            visitor.row(row, aOffset, bOffset, inner);
            for (int d = rank - 2; d >= 0; d--) {          // odometer increment, innermost outer dim first
                counter[d]++;
                aOffset += aStrides[d];
                bOffset += bStrides[d];
                if (counter[d] < out.dim(d)) break;
                aOffset -= aStrides[d] * counter[d];
                bOffset -= bStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
    }
}
