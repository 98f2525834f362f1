package fovea.tensor;

/** Gather and index-select: reading by whole-number indices; the derivatives add the gradient back in place. */
final class Indexing {
    private Indexing() {}

    /** torch.gather: out[..., j, ...] = x[..., index[..., j, ...], ...] along dim. */
    static Tensor gather(Tensor x, int dim, Tensor index) {
        Shape shape = x.shape();
        Shape indexShape = index.shape();
        int axis = shape.axis(dim, "gather");
        boolean fits = indexShape.rank() == shape.rank();
        for (int d = 0; fits && d < shape.rank(); d++) fits = d == axis || indexShape.dim(d) <= shape.dim(d);
        if (!fits) {
            throw new IllegalArgumentException("gather: index " + indexShape + " does not fit input " + shape
                    + " along dim " + dim + "; expected the same rank and sizes <= the input's outside dim " + dim);
        }
        int length = shape.dim(axis);
        int[] positions = positions("gather", index, length, shape, dim);
        int[] inStrides = shape.strides();
        int[] indexStrides = indexShape.strides();
        int[] offsets = new int[index.numel()];
        // the input offset of every index element with its own coordinate along axis replaced by the index
        int rank = shape.rank();
        for (int flat = 0; flat < offsets.length; flat++) {
            int rest = flat;
            int offset = 0;
            for (int d = 0; d < rank; d++) {
                int coordinate = rest / indexStrides[d];
                rest %= indexStrides[d];
                offset += (d == axis ? positions[flat] : coordinate) * inStrides[d];
            }
            offsets[flat] = offset;
        }
        float[] out = new float[offsets.length];
        for (int i = 0; i < out.length; i++) out[i] = x.data[offsets[i]];
        return Tensor.derived("gather", out, indexShape, new Tensor[] {x, index}, g -> {
            float[] back = new float[shape.numel()];
            for (int i = 0; i < offsets.length; i++) back[offsets[i]] += g.data[i];
            return new Tensor[] {new Tensor(back, shape), null};
        });
    }

    /** torch.index_select: the slices at positions index[k] along dim, in that order. */
    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        Shape shape = x.shape();
        int axis = shape.axis(dim, "indexSelect");
        if (index.rank() > 1) {
            throw new IllegalArgumentException("indexSelect: expected a 1-d index; got " + index.shape()
                    + " for input " + shape);
        }
        int length = shape.dim(axis);
        int[] positions = positions("indexSelect", index, length, shape, dim);
        int outer = shape.size(0, axis);
        int inner = shape.size(axis + 1, shape.rank());
        int count = positions.length;
        Shape outShape = shape.with(axis, count);
        float[] out = new float[outShape.numel()];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < count; k++) {
                System.arraycopy(x.data, (o * length + positions[k]) * inner, out, (o * count + k) * inner, inner);
            }
        }
        return Tensor.derived("indexSelect", out, outShape, new Tensor[] {x, index}, g -> {
            float[] back = new float[shape.numel()];
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < count; k++) {
                    fovea.kernel.Loops.accumulate(g.data, (o * count + k) * inner, back, (o * length + positions[k]) * inner, inner);
                }
            }
            return new Tensor[] {new Tensor(back, shape), null};
        });
    }

    /** The index values as ints, each a whole number in [0, length). */
    private static int[] positions(String op, Tensor index, int length, Shape shape, int dim) {
        int[] positions = new int[index.numel()];
        for (int i = 0; i < positions.length; i++) {
            float value = index.data[i];
            if (value != Math.rint(value) || value < 0 || value >= length) {
                throw new IndexOutOfBoundsException(op + ": index " + value + " is not a whole number in [0, " + length
                        + ") for dim " + dim + " of " + shape);
            }
            positions[i] = (int) value;
        }
        return positions;
    }
}
