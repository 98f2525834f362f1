package fovea.classic;

/** The distances the nearest-neighbour classifier compares images by. */
public enum Distance {
    /** Sum of absolute differences (Manhattan). */
    L1,
    /** Euclidean; ranked by its square, which orders neighbours the same way. */
    L2
}
