package fovea.tensor;

import java.util.Arrays;

/** The sizes of a tensor's dimensions, outermost first; immutable. A scalar has rank 0 and one element. */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);
    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        this.dims = dims;
        long count = 1;
        for (int d : dims) count *= d;
        this.numel = (int) count;
    }

    /** A shape with the given sizes; each must be >= 0 and the product must fit in an int. */
    public static Shape of(int... dims) {
        if (dims.length == 0) return SCALAR;
        long count = 1;
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("Shape: sizes must be >= 0; got " + Arrays.toString(dims));
            count *= d;
            if (count > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("Shape: more than 2^31 elements; got " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** The shape of a scalar: rank 0, one element. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code dim}; negative dims count from the end. */
    public int dim(int dim) {
        return dims[axis(dim, "Shape.dim")];
    }

    /** A copy of the sizes. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of elements. */
    public int numel() {
        return numel;
    }

    /** Row-major strides: the distance in elements between neighbours along each dimension. */
    public int[] strides() {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= dims[d];
        }
        return strides;
    }

    /** The product of the sizes in [from, to). */
    public int size(int from, int to) {
        int product = 1;
        for (int d = from; d < to; d++) product *= dims[d];
        return product;
    }

    /** Normalizes a possibly negative dim into [0, rank), or fails naming {@code op}. */
    public int axis(int dim, String op) {
        int rank = dims.length;
        if (dim < -rank || dim >= rank) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for shape " + this
                    + "; expected a dim in [" + (-rank) + ", " + (rank - 1) + "]");
        }
        return dim < 0 ? dim + rank : dim;
    }

    /** This shape with dimension {@code dim} set to {@code size}. */
    public Shape with(int dim, int size) {
        int[] copy = dims.clone();
        copy[axis(dim, "Shape.with")] = size;
        return of(copy);
    }

    /** The broadcast of two shapes (NumPy/PyTorch rules), or an error naming the op and both shapes. */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.equals(b)) return a;
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": cannot broadcast " + a + " with " + b
                        + "; sizes " + da + " and " + db + " differ at dim " + i + " of the result, and neither is 1");
            }
            out[i] = da == 1 ? db : da;
        }
        return of(out);
    }

    /** Strides for reading this shape broadcast to {@code target}: 0 along broadcast dimensions. */
    int[] broadcastStrides(Shape target) {
        int[] own = strides();
        int[] out = new int[target.rank()];
        int offset = target.rank() - rank();
        for (int d = 0; d < rank(); d++) out[d + offset] = dims[d] == 1 ? 0 : own[d];
        return out;
    }

    @Override public boolean equals(Object other) {
        return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Like PyTorch's sizes: {@code [2, 3]}, {@code []} for a scalar. */
    @Override public String toString() {
        return Arrays.toString(dims);
    }
}
