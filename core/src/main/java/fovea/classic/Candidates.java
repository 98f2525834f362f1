package fovea.classic;

/**
 * The running best m candidates of each of several queries: per query a max-heap of (distance, training row), so the
 * worst kept candidate is at the root and a new distance is admitted with one comparison in the common case.
 */
final class Candidates {
    private final int m;
    private final float[] distances;
    private final int[] rows;
    private final int[] sizes;

    Candidates(int queries, int m) {
        this.m = m;
        this.distances = new float[queries * m];
        this.rows = new int[queries * m];
        this.sizes = new int[queries];
    }

    /** Offers distances d[o .. o+n) of query q, to training rows first .. first+n-1. */
    void offer(int q, float[] d, int o, int n, int first) {
        int base = q * m;
        int size = sizes[q];
        float worst = size == m ? distances[base] : Float.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            float value = d[o + j];
            if (size < m || value < worst) {
                if (size < m) {
                    siftUp(base, size++, value, first + j);
                } else {
                    siftDown(base, m, value, first + j);
                }
                worst = size == m ? distances[base] : Float.POSITIVE_INFINITY;
            }
        }
        sizes[q] = size;
    }

    int size(int q) {
        return sizes[q];
    }

    /** The training row of query q's c-th kept candidate (in heap order). */
    int index(int q, int c) {
        return rows[q * m + c];
    }

    private boolean worse(float d1, int r1, float d2, int r2) {
        return d1 > d2 || (d1 == d2 && r1 > r2);
    }

    private void siftUp(int base, int slot, float value, int row) {
        while (slot > 0) {
            int parent = (slot - 1) / 2;
            if (!worse(value, row, distances[base + parent], rows[base + parent])) break;
            distances[base + slot] = distances[base + parent];
            rows[base + slot] = rows[base + parent];
            slot = parent;
        }
        distances[base + slot] = value;
        rows[base + slot] = row;
    }

    /** Replaces the root by (value, row) and restores the heap of the given size. */
    private void siftDown(int base, int size, float value, int row) {
        int slot = 0;
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) break;
            int right = child + 1;
            if (right < size && worse(distances[base + right], rows[base + right], distances[base + child], rows[base + child])) {
                child = right;
            }
            if (!worse(distances[base + child], rows[base + child], value, row)) break;
            distances[base + slot] = distances[base + child];
            rows[base + slot] = rows[base + child];
            slot = child;
        }
        distances[base + slot] = value;
        rows[base + slot] = row;
    }
}
