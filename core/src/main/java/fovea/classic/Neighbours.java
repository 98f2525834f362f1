package fovea.classic;

/**
 * The k nearest training examples of each query, nearest first: {@code indices[q*k + r]} is the training row of the
 * r-th neighbour of query q and {@code distances[q*k + r]} its distance (Euclidean for L2, not squared). Equal
 * distances are ordered by training row.
 */
public record Neighbours(int k, int[] indices, double[] distances) {
    /** Checks that both arrays hold k entries per query. */
    public Neighbours {
        if (k < 1 || indices.length != distances.length || indices.length % k != 0) {
            throw new IllegalArgumentException("Neighbours: expected k >= 1 and k entries per query in both arrays; got k="
                    + k + ", " + indices.length + " indices, " + distances.length + " distances");
        }
    }

    /** The number of queries. */
    public int queries() {
        return indices.length / k;
    }

    /** The training row of the r-th nearest neighbour of query q. */
    public int index(int q, int r) {
        return indices[q * k + r];
    }
}
