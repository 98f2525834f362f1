package fovea.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional float32 array that remembers how it was computed: the library's central type.
 *
 * <p>Storage is row-major and contiguous. Ops never modify their inputs; each returns a new tensor and, when
 * recording is on ({@link GradMode}) and an input requires grad, a graph node whose derivative sits beside the
 * forward code in the op's class. {@link #backward()} fills {@link #grad()} of the leaves.
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
 * Tensor y = x.mul(x).sum();       // y = sum(x^2)
 * y.backward();                    // x.grad() = 2x = [2, 4, 6]
 * }</pre>
 */
public final class Tensor {
    final float[] data;
    private final Shape shape;
    private boolean requiresGrad;
    private Node node;
    private Tensor grad;
    private boolean retainGrad;

    Tensor(float[] data, Shape shape) {
        if (data.length != shape.numel()) {
            throw new IllegalArgumentException("Tensor: " + data.length + " values do not fill shape " + shape
                    + "; expected " + shape.numel());
        }
        this.data = data;
        this.shape = shape;
    }

    // ---- creation ----------------------------------------------------------------------------------------

    /** A tensor holding a copy of {@code values} with the given sizes; with no sizes, a 1-d tensor of all values. */
    public static Tensor of(float[] values, int... dims) {
        return of(values, dims.length == 0 ? Shape.of(values.length) : Shape.of(dims));
    }

    /** A tensor holding a copy of {@code values} with the given shape ({@link Shape#scalar()} for one value). */
    public static Tensor of(float[] values, Shape shape) {
        if (values.length != shape.numel()) {
            throw new IllegalArgumentException("Tensor.of: " + values.length + " values cannot fill shape " + shape
                    + "; expected " + shape.numel() + " values");
        }
        return new Tensor(values.clone(), shape);
    }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] values = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("Tensor.of: row " + r + " has " + rows[r].length
                        + " values; expected " + columns + " like row 0");
            }
            System.arraycopy(rows[r], 0, values, r * columns, columns);
        }
        return new Tensor(values, Shape.of(rows.length, columns));
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, Shape.scalar());
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... dims) {
        Shape shape = Shape.of(dims);
        return new Tensor(new float[shape.numel()], shape);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(float value, int... dims) {
        Shape shape = Shape.of(dims);
        float[] values = new float[shape.numel()];
        Arrays.fill(values, value);
        return new Tensor(values, shape);
    }

    /** [0, 1, ..., n-1]. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** start, start+step, ... while below end (above end for a negative step), as PyTorch's arange. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(start) || !Float.isFinite(end) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: expected finite start, end and a nonzero step; got start="
                    + start + ", end=" + end + ", step=" + step);
        }
        int count = (int) Math.max(0, Math.ceil((end - (double) start) / step));
        float[] values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float) (start + (double) i * step);
        return new Tensor(values, Shape.of(count));
    }

    /** Samples of the standard normal distribution drawn from {@code random}. */
    public static Tensor randn(RandomGenerator random, int... dims) {
        Shape shape = Shape.of(dims);
        float[] values = new float[shape.numel()];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        return new Tensor(values, shape);
    }

    /** Samples of the uniform distribution on [0, 1) drawn from {@code random}. */
    public static Tensor rand(RandomGenerator random, int... dims) {
        Shape shape = Shape.of(dims);
        float[] values = new float[shape.numel()];
        for (int i = 0; i < values.length; i++) values[i] = random.nextFloat();
        return new Tensor(values, shape);
    }

    /**
     * A new op's result: records a graph node with {@code backward} when recording is on and an input requires
     * grad. This is how the built-in ops are written and how users add their own.
     */
    public static Tensor derived(String op, float[] data, Shape shape, Tensor[] inputs, Backward backward) {
        return derived(op, data, shape, inputs, backward, false);
    }

    /**
     * {@link #derived} with a derivative that also receives the op's output (the tensor this returns), for ops
     * whose derivative is cheapest from their result: {@code (y, g) -> new Tensor[] {g.mul(y)}} for exp.
     */
    public static Tensor derived(String op, float[] data, Shape shape, Tensor[] inputs, Backward.OfOutput backward) {
        return derived(op, data, shape, inputs, backward, false);
    }

    /** {@link #derived(String, float[], Shape, Tensor[], Backward.OfOutput)} with fresh gradients (below). */
    static Tensor derived(String op, float[] data, Shape shape, Tensor[] inputs, Backward.OfOutput backward,
                          boolean freshGradients) {
        Tensor out = new Tensor(data, shape);
        out.record(op, inputs, g -> backward.apply(out, g), freshGradients);
        return out;
    }

    /**
     * {@link #derived}, for built-in ops whose backward returns each gradient in newly allocated storage that
     * nothing else keeps ({@code freshGradients}): a parameter then adopts its gradient instead of copying it.
     */
    static Tensor derived(String op, float[] data, Shape shape, Tensor[] inputs, Backward backward,
                          boolean freshGradients) {
        Tensor out = new Tensor(data, shape);
        out.record(op, inputs, backward, freshGradients);
        return out;
    }

    /** Makes this new tensor the result of a graph node when recording is on and an input requires grad. */
    private void record(String op, Tensor[] inputs, Backward backward, boolean freshGradients) {
        if (!GradMode.enabled()) return;
        for (Tensor input : inputs) {
            if (input.requiresGrad) {
                requiresGrad = true;
                node = new Node(op, inputs.clone(), backward, freshGradients);
                return;
            }
        }
    }

    // ---- queries -----------------------------------------------------------------------------------------

    /** The sizes of the dimensions. */
    public Shape shape() {
        return shape;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** The size of dimension {@code dim}; negative dims count from the end. */
    public int size(int dim) {
        return shape.dim(dim);
    }

    /** The number of elements. */
    public int numel() {
        return shape.numel();
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item: expected a tensor with one element; got shape " + shape);
        }
        return data[0];
    }

    /** The element at the given index (one coordinate per dimension). */
    public float get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: expected " + rank() + " coordinates for shape " + shape
                    + "; got " + Arrays.toString(index));
        }
        int offset = 0;
        int[] strides = shape.strides();
        for (int d = 0; d < index.length; d++) {
            int i = index[d];
            if (i < 0 || i >= shape.dim(d)) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " is outside shape " + shape);
            }
            offset += i * strides[d];
        }
        return data[offset];
    }

    /** A copy of the elements in row-major order. */
    public float[] toArray() {
        return data.clone();
    }

    // ---- autograd ----------------------------------------------------------------------------------------

    /** True when gradients flow to or through this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as a parameter whose gradient backward computes; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad: only leaves can change it; this tensor " + shape
                    + " is the result of '" + node.op + "'; use detach() for a leaf copy");
        }
        requiresGrad = value;
        return this;
    }

    /** True for tensors not computed by a recorded op (created ones, parameters, detached results). */
    public boolean isLeaf() {
        return node == null;
    }

    /** The name of the op that computed this tensor, or null for a leaf. */
    public String op() {
        return node == null ? null : node.op;
    }

    /** The accumulated gradient: set by backward for leaves, and for other tensors after {@link #retainGrad()}. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the gradient (the next backward starts from zero). */
    public void zeroGrad() {
        grad = null;
    }

    /** Asks backward to keep this non-leaf tensor's gradient too; returns this. */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: this tensor " + shape + " does not require grad");
        }
        retainGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainGrad;
    }

    Node node() {
        return node;
    }

    /** Adds {@code incoming} to grad; {@code adopt}: the storage of incoming is the engine's alone to give. */
    void accumulateGrad(Tensor incoming, boolean adopt) {
        if (grad == null) {
            // own the buffer: unless adopted, incoming may be shared (a pass-through gradient, the seed, a view)
            grad = new Tensor(adopt ? incoming.data : incoming.data.clone(), shape);
        } else {
            float[] target = grad.data;
            fovea.kernel.Loops.accumulate(incoming.data, 0, target, 0, target.length);
        }
    }

    /** The same values cut from the graph: a leaf that shares this tensor's storage and needs no grad. */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** The same values in storage of their own, cut from the graph: PyTorch's {@code clone().detach()}. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** Backpropagates from this scalar: fills the gradients of everything it was computed from. */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward: expected a scalar output or an explicit seed; got shape " + shape);
        }
        backward(full(1f, shape.dims()));
    }

    /** Backpropagates with {@code seed} as the gradient of this tensor; seed must have this tensor's shape. */
    public void backward(Tensor seed) {
        if (!seed.shape.equals(shape)) {
            throw new IllegalArgumentException("backward: the seed's shape " + seed.shape
                    + " differs from the output's " + shape);
        }
        Autograd.backward(this, seed.detach());
    }

    /**
     * Overwrites this tensor's values with {@code source}'s (same shape), in place: how optimizers update
     * parameters and how saved weights are loaded. A tensor that requires grad may only be changed inside
     * {@link GradMode#noGrad()}, since a recorded graph may still read its old values.
     */
    public void assign(Tensor source) {
        if (!source.shape.equals(shape)) {
            throw new IllegalArgumentException("assign: cannot write " + source.shape + " into " + shape
                    + "; expected the same shape");
        }
        if (requiresGrad && GradMode.enabled()) {
            throw new IllegalStateException("assign: in-place change of a tensor " + shape + " that requires grad; "
                    + "expected it inside GradMode.noGrad()");
        }
        if (source.data != data) System.arraycopy(source.data, 0, data, 0, data.length);
    }

    /**
     * Lets {@code editor} change this tensor's storage in place, without a copy: how optimizers update large
     * parameters. The same rule as {@link #assign} holds: a tensor that requires grad only inside
     * {@link GradMode#noGrad()}. The array must not be kept after the call.
     */
    public void updateInPlace(java.util.function.Consumer<float[]> editor) {
        if (requiresGrad && GradMode.enabled()) {
            throw new IllegalStateException("updateInPlace: in-place change of a tensor " + shape + " that requires grad; "
                    + "expected it inside GradMode.noGrad()");
        }
        editor.accept(data);
    }

    /**
     * Lets {@code reader} see this tensor's storage without a copy: how optimizers read large gradients. The
     * reader must neither change nor keep the array.
     */
    public void read(java.util.function.Consumer<float[]> reader) {
        reader.accept(data);
    }

    /** Copies the values into {@code target} (at least numel long) without allocating. */
    public void copyTo(float[] target) {
        if (target.length < data.length) {
            throw new IllegalArgumentException("copyTo: the target holds " + target.length + " values; expected at least "
                    + data.length + " for shape " + shape);
        }
        System.arraycopy(data, 0, target, 0, data.length);
    }

    // ---- elementwise math with broadcasting --------------------------------------------------------------

    /** this + other, broadcasting. */
    public Tensor add(Tensor other) { return Pointwise.add(this, other); }
    /** this + value. */
    public Tensor add(float value) { return Pointwise.add(this, scalar(value)); }
    /** this - other, broadcasting. */
    public Tensor sub(Tensor other) { return Pointwise.sub(this, other); }
    /** this - value. */
    public Tensor sub(float value) { return Pointwise.add(this, scalar(-value)); }
    /** this * other, broadcasting. */
    public Tensor mul(Tensor other) { return Pointwise.mul(this, other); }
    /** this * value. */
    public Tensor mul(float value) { return Pointwise.mul(this, scalar(value)); }
    /** this / other, broadcasting. */
    public Tensor div(Tensor other) { return Pointwise.div(this, other); }
    /** this / value. */
    public Tensor div(float value) { return Pointwise.div(this, scalar(value)); }
    /** this ^ other, broadcasting. */
    public Tensor pow(Tensor exponent) { return Pointwise.pow(this, exponent); }
    /** this ^ exponent. */
    public Tensor pow(float exponent) { return Pointwise.pow(this, exponent); }
    /** The larger of this and other, elementwise; ties share the gradient equally, as in PyTorch. */
    public Tensor maximum(Tensor other) { return Pointwise.maximum(this, other); }
    /** The smaller of this and other, elementwise; ties share the gradient equally. */
    public Tensor minimum(Tensor other) { return Pointwise.minimum(this, other); }
    /** -this. */
    public Tensor neg() { return Pointwise.neg(this); }
    /** e^this. */
    public Tensor exp() { return Pointwise.exp(this); }
    /** Natural logarithm. */
    public Tensor log() { return Pointwise.log(this); }
    /** Square root. */
    public Tensor sqrt() { return Pointwise.sqrt(this); }
    /** |this|; the gradient at 0 is 0, as in PyTorch. */
    public Tensor abs() { return Pointwise.abs(this); }
    /** Limits values to [min, max]; the gradient passes where min <= x <= max. */
    public Tensor clamp(float min, float max) { return Pointwise.clamp(this, min, max); }

    /** 1 where this > other, else 0 (broadcasting; no gradient). */
    public Tensor gt(Tensor other) { return Pointwise.compare("gt", fovea.kernel.Binary.GT, this, other); }
    /** 1 where this >= other, else 0. */
    public Tensor ge(Tensor other) { return Pointwise.compare("ge", fovea.kernel.Binary.GE, this, other); }
    /** 1 where this < other, else 0. */
    public Tensor lt(Tensor other) { return Pointwise.compare("lt", fovea.kernel.Binary.LT, this, other); }
    /** 1 where this <= other, else 0. */
    public Tensor le(Tensor other) { return Pointwise.compare("le", fovea.kernel.Binary.LE, this, other); }
    /** 1 where this == other, else 0. */
    public Tensor eq(Tensor other) { return Pointwise.compare("eq", fovea.kernel.Binary.EQ, this, other); }
    /** 1 where this != other, else 0. */
    public Tensor ne(Tensor other) { return Pointwise.compare("ne", fovea.kernel.Binary.NE, this, other); }
    /** 1 where this > value, else 0. */
    public Tensor gt(float value) { return gt(scalar(value)); }
    /** 1 where this < value, else 0. */
    public Tensor lt(float value) { return lt(scalar(value)); }
    /** 1 where this == value, else 0. */
    public Tensor eq(float value) { return eq(scalar(value)); }

    /** Picks {@code a} where mask is nonzero and {@code b} elsewhere, broadcasting all three. */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) { return Pointwise.where(mask, a, b); }

    // ---- activations -------------------------------------------------------------------------------------

    /** max(x, 0). */
    public Tensor relu() { return Activations.relu(this); }
    /** x for x > 0, negativeSlope * x otherwise. */
    public Tensor leakyRelu(float negativeSlope) { return Activations.leakyRelu(this, negativeSlope); }
    /** x for x > 0, alpha * (e^x - 1) otherwise. */
    public Tensor elu(float alpha) { return Activations.elu(this, alpha); }
    /** 1 / (1 + e^-x), computed without overflow. */
    public Tensor sigmoid() { return Activations.sigmoid(this); }
    /** Hyperbolic tangent. */
    public Tensor tanh() { return Activations.tanh(this); }
    /** log(1 + e^x), computed without overflow. */
    public Tensor softplus() { return Activations.softplus(this); }

    /** e^x / sum(e^x) along dim; the max is subtracted first so exp cannot overflow. */
    public Tensor softmax(int dim) {
        Tensor shifted = sub(max(dim, true).detach());
        Tensor e = shifted.exp();
        return e.div(e.sum(dim, true));
    }

    /** log(softmax(x)) along dim; subtracting the max keeps exp from overflowing. */
    public Tensor logSoftmax(int dim) {
        Tensor shifted = sub(max(dim, true).detach());   // any constant shift gives the same result
        return shifted.sub(shifted.exp().sum(dim, true).log());
    }

    // ---- reductions --------------------------------------------------------------------------------------

    /** The sum of all elements, a scalar. */
    public Tensor sum() { return Reductions.sum(this, allDims(), false); }
    /** The sum along dim. */
    public Tensor sum(int dim, boolean keepDim) { return Reductions.sum(this, new int[] {dim}, keepDim); }
    /** The sum along several dims. */
    public Tensor sum(int[] dims, boolean keepDim) { return Reductions.sum(this, dims, keepDim); }
    /** The mean of all elements, a scalar. */
    public Tensor mean() { return Reductions.mean(this, allDims(), false); }
    /** The mean along dim. */
    public Tensor mean(int dim, boolean keepDim) { return Reductions.mean(this, new int[] {dim}, keepDim); }
    /** The mean along several dims. */
    public Tensor mean(int[] dims, boolean keepDim) { return Reductions.mean(this, dims, keepDim); }
    /** The largest element, a scalar. */
    public Tensor max() { return Reductions.extreme(this, allDims(), false, true); }
    /** The largest value along dim; the gradient goes to the first position holding it. */
    public Tensor max(int dim, boolean keepDim) { return Reductions.extreme(this, new int[] {dim}, keepDim, true); }
    /** The largest value along several dims. */
    public Tensor max(int[] dims, boolean keepDim) { return Reductions.extreme(this, dims, keepDim, true); }
    /** The smallest element, a scalar. */
    public Tensor min() { return Reductions.extreme(this, allDims(), false, false); }
    /** The smallest value along dim; the gradient goes to the first position holding it. */
    public Tensor min(int dim, boolean keepDim) { return Reductions.extreme(this, new int[] {dim}, keepDim, false); }
    /** The smallest value along several dims. */
    public Tensor min(int[] dims, boolean keepDim) { return Reductions.extreme(this, dims, keepDim, false); }
    /** The index of the largest value along dim (the first on ties), as whole numbers; no gradient. */
    public Tensor argmax(int dim, boolean keepDim) { return Reductions.argExtreme(this, dim, keepDim, true); }
    /** The flat index of the largest element. */
    public Tensor argmax() { return Reductions.argExtreme(reshape(-1), 0, false, true); }
    /** The index of the smallest value along dim (the first on ties); no gradient. */
    public Tensor argmin(int dim, boolean keepDim) { return Reductions.argExtreme(this, dim, keepDim, false); }
    /** The unbiased variance (divides by n - 1) along dims, as PyTorch's default. */
    public Tensor var(int[] dims, boolean keepDim) { return Reductions.var(this, dims, keepDim, 1); }
    /** The variance along dims, dividing by n - correction (0: biased, 1: unbiased). */
    public Tensor var(int[] dims, boolean keepDim, int correction) { return Reductions.var(this, dims, keepDim, correction); }
    /** The unbiased variance along dim. */
    public Tensor var(int dim, boolean keepDim) { return Reductions.var(this, new int[] {dim}, keepDim, 1); }
    /** The unbiased variance of all elements. */
    public Tensor var() { return Reductions.var(this, allDims(), false, 1); }

    /** Sums this broadcast result back down to {@code target}, the shape it was broadcast from. */
    public Tensor sumTo(Shape target) { return Reductions.sumTo(this, target); }

    private int[] allDims() {
        int[] dims = new int[rank()];
        for (int d = 0; d < dims.length; d++) dims[d] = d;
        return dims;
    }

    // ---- movement ----------------------------------------------------------------------------------------

    /** The same elements with new sizes (one may be -1: inferred); shares storage. */
    public Tensor reshape(int... dims) { return Movement.reshape(this, dims); }
    /** Reorders dimensions: result dim i is this tensor's dim dims[i]. */
    public Tensor permute(int... dims) { return Movement.permute(this, dims); }
    /** Swaps two dimensions. */
    public Tensor transpose(int dim0, int dim1) { return Movement.transpose(this, dim0, dim1); }
    /** Elements start, start+step, ... below end along dim (negative indices count from the end; clamped like Python). */
    public Tensor slice(int dim, int start, int end, int step) { return Movement.slice(this, dim, start, end, step); }
    /** Elements [start, end) along dim. */
    public Tensor slice(int dim, int start, int end) { return Movement.slice(this, dim, start, end, 1); }
    /** Broadcasts to larger sizes (-1 keeps a size); the gradient sums back. */
    public Tensor expand(int... dims) { return Movement.expand(this, dims); }
    /** Drops every dimension of size 1. */
    public Tensor squeeze() { return Movement.squeeze(this); }
    /** Drops dimension dim if its size is 1. */
    public Tensor squeeze(int dim) { return Movement.squeeze(this, dim); }
    /** Inserts a dimension of size 1 at dim (in [-rank-1, rank]). */
    public Tensor unsqueeze(int dim) { return Movement.unsqueeze(this, dim); }
    /** Joins tensors along an existing dim; all other sizes must agree. */
    public static Tensor cat(int dim, Tensor... tensors) { return Movement.cat(dim, tensors); }
    /** Joins equal-shaped tensors along a new dim. */
    public static Tensor stack(int dim, Tensor... tensors) { return Movement.stack(dim, tensors); }
    /**
     * Pads with a constant, PyTorch's {@code F.pad} order: (left, right) of the last dim, then (top, bottom) of
     * the one before, and so on.
     */
    public Tensor pad(int[] padding, float value) { return Movement.pad(this, padding, value); }
    /** Flattens to one dimension. */
    public Tensor flatten() { return Movement.flatten(this, 0, -1); }
    /** Flattens dims startDim..endDim (inclusive) into one. */
    public Tensor flatten(int startDim, int endDim) { return Movement.flatten(this, startDim, endDim); }

    // ---- indexing ----------------------------------------------------------------------------------------

    /** out[i][j][k] = this[i][index[i][j][k]][k] for dim 1 (and likewise for any dim), as torch.gather. */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** The slices at the given positions along dim; index is 1-d of whole numbers. */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }

    // ---- linear algebra ----------------------------------------------------------------------------------

    /** The matrix product, PyTorch's matmul: 1-d, 2-d and batched operands, batch dims broadcast. */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other); }
    /** PyTorch's F.linear: this [..., in] times weightᵀ [in, out] plus bias [out] (or null), one fused node. */
    public Tensor linear(Tensor weight, Tensor bias) { return MatMul.linear(this, weight, bias); }

    // ---- printing ----------------------------------------------------------------------------------------

    /** Like PyTorch's: the values (abbreviated with ... when large), the shape, and the op or requiresGrad. */
    @Override public String toString() {
        return Printing.format(this);
    }
}
