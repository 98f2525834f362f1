package fovea.data;

/** A fixed-size collection of examples addressed by index, as PyTorch's map-style Dataset. */
public interface Dataset<T> {
    /** The number of examples. */
    int size();

    /** The example at {@code index}, 0 <= index < size(). */
    T get(int index);
}
