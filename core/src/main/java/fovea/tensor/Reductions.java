package fovea.tensor;

import fovea.kernel.Loops;
import java.util.Arrays;

/**
 * Reductions along dims. Each primitive reduces one contiguous block of dims, seen as [outer, reduced, inner];
 * a reduction over scattered dims is a composition of block reductions, so it inherits their derivatives.
 */
final class Reductions {
    private Reductions() {}

    /** The sum along dims; its derivative broadcasts the gradient back over the reduced dims. */
    static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        return reduceBlocks(x, normalize("sum", x.shape(), dims), keepDim, Reductions::sumBlock);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        boolean[] reduced = normalize("mean", x.shape(), dims);
        int count = 1;
        for (int d = 0; d < reduced.length; d++) if (reduced[d]) count *= x.shape().dim(d);
        return reduceBlocks(x, reduced, keepDim, Reductions::sumBlock).div((float) count);
    }

    /** max or min along dims; the gradient goes to the first position holding the extreme. */
    static Tensor extreme(Tensor x, int[] dims, boolean keepDim, boolean max) {
        boolean[] reduced = normalize(max ? "max" : "min", x.shape(), dims);
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d] && x.shape().dim(d) == 0) {
                throw new IllegalArgumentException((max ? "max" : "min") + ": cannot reduce the empty dim " + d
                        + " of " + x.shape() + "; expected a size >= 1");
            }
        }
        Tensor result = x;
        // one dim at a time, so the composed derivative routes to a single position per output
        for (int d = reduced.length - 1; d >= 0; d--) if (reduced[d]) result = extremeDim(result, d, max);
        return keepDim ? result : dropReduced(result, reduced);
    }

    /** The unbiased (correction 1) or biased (correction 0) variance, composed from mean and sum. */
    static Tensor var(Tensor x, int[] dims, boolean keepDim, int correction) {
        boolean[] reduced = normalize("var", x.shape(), dims);
        int count = 1;
        for (int d = 0; d < reduced.length; d++) if (reduced[d]) count *= x.shape().dim(d);
        if (correction < 0) throw new IllegalArgumentException("var: correction must be >= 0; got " + correction);
        Tensor centered = x.sub(mean(x, dims, true));
        return sum(centered.mul(centered), dims, keepDim).div((float) Math.max(0, count - correction));
    }

    /** Sums a broadcast result back to the shape it was broadcast from. */
    static Tensor sumTo(Tensor x, Shape target) {
        if (x.shape().equals(target)) return x;
        Shape source = x.shape();
        int extra = source.rank() - target.rank();
        boolean compatible = extra >= 0;
        boolean[] reduced = new boolean[source.rank()];
        for (int d = 0; d < source.rank() && compatible; d++) {
            if (d < extra) {
                reduced[d] = true;
            } else {
                int want = target.dim(d - extra);
                if (want == 1 && source.dim(d) != 1) reduced[d] = true;
                else if (want != source.dim(d)) compatible = false;
            }
        }
        if (!compatible) {
            throw new IllegalArgumentException("sumTo: " + source + " is not a broadcast of " + target);
        }
        return reduceBlocks(x, reduced, true, Reductions::sumBlock).reshape(target.dims());
    }

    static Tensor argExtreme(Tensor x, int dim, boolean keepDim, boolean max) {
        int axis = x.shape().axis(dim, max ? "argmax" : "argmin");
        if (x.shape().dim(axis) == 0) {
            throw new IllegalArgumentException((max ? "argmax" : "argmin") + ": cannot reduce the empty dim " + axis
                    + " of " + x.shape());
        }
        Tensor indices = new Tensor(scan(x, axis, max).indices, x.shape().with(axis, 1));
        return keepDim ? indices : indices.squeeze(axis);
    }

    private static boolean[] normalize(String op, Shape shape, int[] dims) {
        boolean[] reduced = new boolean[shape.rank()];
        for (int dim : dims) {
            int axis = shape.axis(dim, op);
            if (reduced[axis]) {
                throw new IllegalArgumentException(op + ": dim " + dim + " appears twice in " + Arrays.toString(dims)
                        + " for shape " + shape);
            }
            reduced[axis] = true;
        }
        return reduced;
    }

    /** Applies a keep-dim block reducer to each maximal run of reduced dims, right to left. */
    private static Tensor reduceBlocks(Tensor x, boolean[] reduced, boolean keepDim, BlockReducer reducer) {
        Tensor result = x;
        int d = reduced.length - 1;
        while (d >= 0) {
            if (!reduced[d]) {
                d--;
                continue;
            }
            int end = d + 1;
            while (d >= 0 && reduced[d]) d--;
            result = reducer.reduce(result, d + 1, end);
        }
        if (x.rank() == 0 || noneReduced(reduced)) result = reducer.reduce(result, 0, 0);   // a plain copy node
        return keepDim ? result : dropReduced(result, reduced);
    }

    private static boolean noneReduced(boolean[] reduced) {
        for (boolean r : reduced) if (r) return false;
        return true;
    }

    private static Tensor dropReduced(Tensor x, boolean[] reduced) {
        int[] kept = new int[x.rank()];
        int count = 0;
        for (int d = 0; d < reduced.length; d++) if (!reduced[d]) kept[count++] = x.shape().dim(d);
        return x.reshape(Arrays.copyOf(kept, count));
    }

    @FunctionalInterface
    private interface BlockReducer {
        Tensor reduce(Tensor x, int from, int to);
    }

    /** Sums dims [from, to) keeping them as size 1: d/dx = the gradient broadcast back. */
    private static Tensor sumBlock(Tensor x, int from, int to) {
        Shape shape = x.shape();
        int outer = shape.size(0, from);
        int reduced = shape.size(from, to);
        int inner = shape.size(to, shape.rank());
        int[] outDims = shape.dims();
        for (int d = from; d < to; d++) outDims[d] = 1;
        Shape outShape = Shape.of(outDims);
        float[] out = new float[outShape.numel()];
        if (inner == 1) {
            for (int o = 0; o < outer; o++) out[o] = Loops.sum(x.data, o * reduced, reduced);
        } else {
            // rows of the inner block are added into the output row, in float; for very long reductions over
            // leading dims this matches PyTorch's own float accumulation closely enough (see ReductionsTest)
            for (int o = 0; o < outer; o++) {
                for (int r = 0; r < reduced; r++) Loops.accumulate(x.data, (o * reduced + r) * inner, out, o * inner, inner);
            }
        }
        return Tensor.derived("sum", out, outShape, new Tensor[] {x}, g -> new Tensor[] {g.expand(shape.dims())});
    }

    private record Scan(float[] values, float[] indices) {}

    private static Scan scan(Tensor x, int axis, boolean max) {
        Shape shape = x.shape();
        int outer = shape.size(0, axis);
        int length = shape.dim(axis);
        int inner = shape.size(axis + 1, shape.rank());
        float[] values = new float[outer * inner];
        float[] indices = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * length * inner + i;
                float best = x.data[base];
                int bestIndex = 0;
                for (int r = 1; r < length && !Float.isNaN(best); r++) {
                    float v = x.data[base + r * inner];
                    if (Float.isNaN(v) || (max ? v > best : v < best)) {   // NaN wins, as in PyTorch
                        best = v;
                        bestIndex = r;
                    }
                }
                values[o * inner + i] = best;
                indices[o * inner + i] = bestIndex;
            }
        }
        return new Scan(values, indices);
    }

    private static Tensor extremeDim(Tensor x, int axis, boolean max) {
        Scan scan = scan(x, axis, max);
        Shape shape = x.shape();
        Shape outShape = shape.with(axis, 1);
        return Tensor.derived(max ? "max" : "min", scan.values, outShape, new Tensor[] {x},
                g -> new Tensor[] {scatter(g, scan.indices, shape, axis)});
    }

    /** Puts g[o, 0, i] at position indices[o, i] along axis of a zero tensor of the given shape. */
    private static Tensor scatter(Tensor g, float[] indices, Shape shape, int axis) {
        int outer = shape.size(0, axis);
        int length = shape.dim(axis);
        int inner = shape.size(axis + 1, shape.rank());
        float[] out = new float[shape.numel()];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[(o * length + (int) indices[o * inner + i]) * inner + i] = g.data[o * inner + i];
            }
        }
        return new Tensor(out, shape);
    }
}
