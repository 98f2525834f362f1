package fovea.data;

/** A view of some examples of another dataset, in the order of {@code indices}; nothing is copied. */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> source;
    private final int[] indices;

    /** The examples of {@code source} at {@code indices}, each in 0..source.size()-1. */
    public Subset(Dataset<T> source, int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= source.size()) {
                throw new IndexOutOfBoundsException("Subset: index " + index + " is outside 0.." + (source.size() - 1));
            }
        }
        this.source = source;
        this.indices = indices.clone();
    }

    @Override public int size() {
        return indices.length;
    }

    @Override public T get(int index) {
        return source.get(indices[index]);
    }

    /** The positions in the source dataset, in order. */
    public int[] indices() {
        return indices.clone();
    }

    @Override public String toString() {
        return "Subset(size=" + indices.length + " of " + source.size() + ")";
    }
}
