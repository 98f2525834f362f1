package fovea.tensor;

import java.util.Arrays;

/** Ops that move elements without arithmetic: reshape, permute, slice, expand, cat, stack, pad. */
final class Movement {
    private Movement() {}

    /** Same elements, new sizes; shares storage. d/dx reshapes the gradient back. */
    static Tensor reshape(Tensor x, int[] dims) {
        Shape target = inferShape("reshape", x.shape(), dims);
        Shape source = x.shape();
        return Tensor.derived("reshape", x.data, target, new Tensor[] {x}, g -> new Tensor[] {g.reshape(source.dims())});
    }

    private static Shape inferShape(String op, Shape source, int[] dims) {
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == -1 && inferred < 0) {
                inferred = d;
            } else if (dims[d] < 0) {
                throw new IllegalArgumentException(op + ": sizes must be >= 0 with at most one -1; got "
                        + Arrays.toString(dims));
            } else {
                known *= dims[d];
            }
        }
        int[] out = dims.clone();
        if (inferred >= 0) {
            if (known == 0 || source.numel() % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer the -1 in " + Arrays.toString(dims)
                        + " for " + source.numel() + " elements of shape " + source);
            }
            out[inferred] = (int) (source.numel() / known);
        } else if (known != source.numel()) {
            throw new IllegalArgumentException(op + ": cannot view " + source + " (" + source.numel()
                    + " elements) as " + Arrays.toString(dims) + " (" + known + " elements)");
        }
        return Shape.of(out);
    }

    /** Result dim i is input dim perm[i]; d/dx permutes the gradient by the inverse. */
    static Tensor permute(Tensor x, int[] perm) {
        Shape shape = x.shape();
        int rank = shape.rank();
        if (perm.length != rank) {
            throw new IllegalArgumentException("permute: expected " + rank + " dims for shape " + shape + "; got "
                    + Arrays.toString(perm));
        }
        int[] axes = new int[rank];
        int[] inverse = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int axis = shape.axis(perm[i], "permute");
            if (used[axis]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation of the "
                        + rank + " dims of " + shape);
            }
            used[axis] = true;
            axes[i] = axis;
            inverse[axis] = i;
        }
        int[] outDims = new int[rank];
        int[] inStrides = shape.strides();
        int[] readStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = shape.dim(axes[i]);
            readStrides[i] = inStrides[axes[i]];
        }
        Shape outShape = Shape.of(outDims);
        float[] out = new float[x.numel()];
        float[] in = x.data;
        int last = rank - 1;
        if (rank > 0) {
            int step = readStrides[last];
            Broadcast.forEachRow(outShape, readStrides, readStrides, (row, offset, unused, inner) -> {
                int base = row * inner;
                for (int i = 0; i < inner; i++) out[base + i] = in[offset + i * step];
            });
        } else {
            out[0] = in[0];
        }
        return Tensor.derived("permute", out, outShape, new Tensor[] {x}, g -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int[] perm = new int[x.rank()];
        for (int d = 0; d < perm.length; d++) perm[d] = d;
        int a = x.shape().axis(dim0, "transpose");
        int b = x.shape().axis(dim1, "transpose");
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** Elements start, start+step, ... below end along dim; d/dx places the gradient back among zeros. */
    static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        Shape shape = x.shape();
        int axis = shape.axis(dim, "slice");
        if (step < 1) throw new IllegalArgumentException("slice: step must be >= 1; got " + step);
        int length = shape.dim(axis);
        int from = clampIndex(start, length);
        int to = Math.max(from, clampIndex(end, length));
        int count = (to - from + step - 1) / step;
        int outer = shape.size(0, axis);
        int inner = shape.size(axis + 1, shape.rank());
        Shape outShape = shape.with(axis, count);
        float[] out = new float[outShape.numel()];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < count; c++) {
                System.arraycopy(x.data, (o * length + from + c * step) * inner, out, (o * count + c) * inner, inner);
            }
        }
        return Tensor.derived("slice", out, outShape, new Tensor[] {x}, g -> {
            float[] back = new float[shape.numel()];
            for (int o = 0; o < outer; o++) {
                for (int c = 0; c < count; c++) {
                    System.arraycopy(g.data, (o * count + c) * inner, back, (o * length + from + c * step) * inner, inner);
                }
            }
            return new Tensor[] {new Tensor(back, shape)};
        });
    }

    private static int clampIndex(int index, int length) {
        int i = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, i));
    }

    /** Broadcasts to larger sizes; -1 keeps a size. d/dx sums the gradient back. */
    static Tensor expand(Tensor x, int[] dims) {
        Shape shape = x.shape();
        if (dims.length < shape.rank()) {
            throw new IllegalArgumentException("expand: cannot expand " + shape + " to " + Arrays.toString(dims)
                    + "; expected at least " + shape.rank() + " dims");
        }
        int[] target = dims.clone();
        int offset = dims.length - shape.rank();
        for (int d = 0; d < dims.length; d++) {
            int own = d < offset ? 1 : shape.dim(d - offset);
            if (target[d] == -1 && d >= offset) target[d] = own;
            if (target[d] < 0 || (own != 1 && own != target[d])) {
                throw new IllegalArgumentException("expand: cannot expand " + shape + " to " + Arrays.toString(dims)
                        + "; size " + own + " at dim " + d + " must be 1 or equal the target");
            }
        }
        Shape outShape = Shape.of(target);
        return Tensor.derived("expand", Broadcast.expand(x, outShape), outShape, new Tensor[] {x},
                g -> new Tensor[] {g.sumTo(shape)});
    }

    static Tensor squeeze(Tensor x) {
        return x.reshape(Arrays.stream(x.shape().dims()).filter(d -> d != 1).toArray());
    }

    static Tensor squeeze(Tensor x, int dim) {
        int axis = x.shape().axis(dim, "squeeze");
        if (x.shape().dim(axis) != 1) return x.reshape(x.shape().dims());
        int[] dims = x.shape().dims();
        int[] out = new int[dims.length - 1];
        for (int d = 0, k = 0; d < dims.length; d++) if (d != axis) out[k++] = dims[d];
        return x.reshape(out);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int rank = x.rank();
        if (dim < -rank - 1 || dim > rank) {
            throw new IllegalArgumentException("unsqueeze: dim " + dim + " is out of range for shape " + x.shape()
                    + "; expected a dim in [" + (-rank - 1) + ", " + rank + "]");
        }
        int axis = dim < 0 ? dim + rank + 1 : dim;
        int[] dims = x.shape().dims();
        int[] out = new int[rank + 1];
        for (int d = 0, k = 0; d <= rank; d++) out[d] = d == axis ? 1 : dims[k++];
        return x.reshape(out);
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.rank() == 0) return x.reshape(1);
        int start = x.shape().axis(startDim, "flatten");
        int end = x.shape().axis(endDim, "flatten");
        if (start > end) {
            throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim
                    + " for shape " + x.shape());
        }
        int[] dims = x.shape().dims();
        int[] out = new int[dims.length - (end - start)];
        int k = 0;
        for (int d = 0; d < start; d++) out[k++] = dims[d];
        out[k++] = x.shape().size(start, end + 1);
        for (int d = end + 1; d < dims.length; d++) out[k++] = dims[d];
        return x.reshape(out);
    }

    /** Joins along dim; d/dx_i is the gradient's slice that x_i filled. */
    static Tensor cat(int dim, Tensor[] tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("cat: expected at least one tensor; got none");
        Shape first = tensors[0].shape();
        int axis = first.axis(dim, "cat");
        int total = 0;
        for (Tensor t : tensors) {
            boolean fits = t.rank() == first.rank();
            for (int d = 0; fits && d < first.rank(); d++) fits = d == axis || t.shape().dim(d) == first.dim(d);
            if (!fits) {
                throw new IllegalArgumentException("cat: cannot join " + shapes(tensors) + " along dim " + dim
                        + "; expected equal sizes in every other dim");
            }
            total += t.shape().dim(axis);
        }
        Shape outShape = first.with(axis, total);
        int outer = first.size(0, axis);
        int inner = first.size(axis + 1, first.rank());
        float[] out = new float[outShape.numel()];
        int[] starts = new int[tensors.length];
        int position = 0;
        for (int i = 0; i < tensors.length; i++) {
            starts[i] = position;
            int length = tensors[i].shape().dim(axis);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(tensors[i].data, o * length * inner, out, (o * total + position) * inner, length * inner);
            }
            position += length;
        }
        return Tensor.derived("cat", out, outShape, tensors, g -> {
            Tensor[] grads = new Tensor[tensors.length];
            for (int i = 0; i < tensors.length; i++) {
                if (tensors[i].requiresGrad()) grads[i] = g.slice(axis, starts[i], starts[i] + tensors[i].shape().dim(axis));
            }
            return grads;
        });
    }

    static Tensor stack(int dim, Tensor[] tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("stack: expected at least one tensor; got none");
        for (Tensor t : tensors) {
            if (!t.shape().equals(tensors[0].shape())) {
                throw new IllegalArgumentException("stack: expected tensors of one shape; got " + shapes(tensors));
            }
        }
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) expanded[i] = tensors[i].unsqueeze(dim);
        return cat(dim, expanded);   // unsqueeze and cat read a negative dim against the new rank alike
    }

    /** Constant padding in F.pad order (last dim first); d/dx is the gradient's interior. */
    static Tensor pad(Tensor x, int[] padding, float value) {
        Shape shape = x.shape();
        if (padding.length % 2 != 0 || padding.length / 2 > shape.rank()) {
            throw new IllegalArgumentException("pad: expected pairs (before, after) for at most " + shape.rank()
                    + " dims of " + shape + "; got " + Arrays.toString(padding));
        }
        int rank = shape.rank();
        int[] before = new int[rank];
        int[] outDims = shape.dims();
        for (int p = 0; p < padding.length / 2; p++) {
            int d = rank - 1 - p;
            if (padding[2 * p] < 0 || padding[2 * p + 1] < 0) {
                throw new IllegalArgumentException("pad: padding must be >= 0; got " + Arrays.toString(padding));
            }
            before[d] = padding[2 * p];
            outDims[d] += padding[2 * p] + padding[2 * p + 1];
        }
        Shape outShape = Shape.of(outDims);
        float[] out = new float[outShape.numel()];
        if (value != 0) Arrays.fill(out, value);
        int[] outStrides = outShape.strides();
        int start = 0;
        for (int d = 0; d < rank; d++) start += before[d] * outStrides[d];
        int[] inStrides = shape.strides();
        int origin = start;
        if (x.numel() > 0) {
            Broadcast.forEachRow(shape, inStrides, outStrides, (row, inOffset, outOffset, inner) ->
                    System.arraycopy(x.data, inOffset, out, origin + outOffset, inner));
        }
        return Tensor.derived("pad", out, outShape, new Tensor[] {x}, g -> {
            float[] back = new float[shape.numel()];
            if (back.length > 0) {
                Broadcast.forEachRow(shape, inStrides, outStrides, (row, inOffset, outOffset, inner) ->
                        System.arraycopy(g.data, origin + outOffset, back, inOffset, inner));
            }
            return new Tensor[] {new Tensor(back, shape)};
        });
    }

    static String shapes(Tensor[] tensors) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tensors.length; i++) text.append(i == 0 ? "" : ", ").append(tensors[i].shape());
        return text.toString();
    }
}
