package fovea.classic;

import fovea.kernel.Distances;
import fovea.kernel.Parallel;
import fovea.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * The k-nearest-neighbour classifier: "training" keeps the training examples; a query is labelled by the majority
 * vote of the k training examples nearest to it in L1 or L2 distance, a tie going to the smallest label.
 *
 * <p>Memory stays bounded whatever the sizes: queries are taken in blocks of at most {@link Config#queryBlock()} rows
 * and training examples in blocks of {@link Config#referenceBlock()}, so at most one block of queryBlock x
 * referenceBlock distances exists per thread (2 MB with the defaults; the 10 000 x 60 000 matrix of Fashion-MNIST
 * would take 2.4 GB), and each query keeps only its running best candidates. Query blocks run in parallel on the
 * shared pool, each block's kernels on its own thread.
 *
 * <p>Distances are ranked fast in float (L2 through SGEMM) and the best {@code k + extraCandidates} of each query are
 * then recomputed exactly in double and re-ranked, so the final k do not depend on float rounding: on raw pixels
 * (whole numbers 0-255) the distances are exact and the neighbours are scikit-learn's up to the order of equal ones.
 */
public final class Knn {
    /** Block sizes of the bounded-memory search, and how many candidates beyond k are re-ranked exactly. */
    public record Config(int queryBlock, int referenceBlock, int extraCandidates) {
        /** Checks that the blocks hold at least one row and extraCandidates is >= 0. */
        public Config {
            if (queryBlock < 1 || referenceBlock < 1 || extraCandidates < 0) {
                throw new IllegalArgumentException("Knn.Config: expected queryBlock >= 1, referenceBlock >= 1, "
                        + "extraCandidates >= 0; got " + queryBlock + ", " + referenceBlock + ", " + extraCandidates);
            }
        }

        /** 256 queries by 2048 training examples per block; 16 extra candidates. */
        public static Config defaults() {
            return new Config(256, 2048, 16);
        }
    }

    private final float[] features;
    private final float[] norms;
    private final int[] labels;
    private final int dim;
    private final int classCount;
    private final Config config;

    /** Keeps the training examples: features [N, ...] (flattened to [N, D]) and labels [N] in 0..classCount-1. */
    public Knn(Tensor features, int[] labels, Config config) {
        if (features.rank() < 1 || features.size(0) != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("Knn: expected features [N, ...] and N labels with N >= 1; got "
                    + features.shape() + " and " + labels.length + " labels");
        }
        this.features = features.toArray();
        this.labels = labels.clone();
        this.dim = labels.length == 0 ? 0 : this.features.length / labels.length;
        this.config = config;
        int max = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) throw new IllegalArgumentException("Knn: labels must be >= 0; got " + labels[i] + " at " + i);
            max = Math.max(max, labels[i]);
        }
        this.classCount = max + 1;
        this.norms = new float[labels.length];
        Distances.squaredNorms(this.features, 0, labels.length, dim, norms, 0);
    }

    /** With the default blocks. */
    public Knn(Tensor features, int[] labels) {
        this(features, labels, Config.defaults());
    }

    /** The number of training examples. */
    public int size() {
        return labels.length;
    }

    /** The number of features of an example, D. */
    public int features() {
        return dim;
    }

    /** The k nearest training examples of each query [Q, ...] with D features; {@code progress} receives finished rows. */
    public Neighbours neighbours(Tensor queries, int k, Distance distance, IntConsumer progress) {
        checkK("neighbours", k);
        int count = queries.rank() == 0 ? 0 : queries.size(0);
        if (queries.rank() < 1 || (count > 0 && queries.numel() / count != dim) || (count == 0 && queries.numel() != 0)) {
            throw new IllegalArgumentException("Knn.neighbours: expected queries [Q, ...] with " + dim
                    + " features each like the training examples; got " + queries.shape());
        }
        float[] x = queries.toArray();
        float[] xNorms = new float[count];
        if (distance == Distance.L2) Distances.squaredNorms(x, 0, count, dim, xNorms, 0);
        int[] indices = new int[count * k];
        double[] distances = new double[count * k];
        // blocks of queryBlock rows, smaller only to give every thread a block: a GEMM of fewer rows packs the
        // training block for too little work
        int rowsPerBlock = Math.min(config.queryBlock(), Math.max(64, ceilDiv(count, Parallel.threads())));
        int blocks = ceilDiv(count, rowsPerBlock);
        Parallel.forEachChunk(blocks, b -> {
            int from = b * rowsPerBlock;
            int to = Math.min(count, from + rowsPerBlock);
            new QueryBlock(x, xNorms, from, to, k, distance).search(indices, distances);
            if (progress != null) progress.accept(to - from);
        });
        return new Neighbours(k, indices, distances);
    }

    /** The predicted label of each query for each k of {@code ks} ([ks.length][Q]), from one search with the largest k. */
    public int[][] predict(Tensor queries, int[] ks, Distance distance, IntConsumer progress) {
        int largest = 0;
        for (int k : ks) {
            checkK("predict", k);
            largest = Math.max(largest, k);
        }
        Neighbours neighbours = neighbours(queries, largest, distance, progress);
        int[][] predictions = new int[ks.length][neighbours.queries()];
        int[] votes = new int[largest];
        for (int q = 0; q < neighbours.queries(); q++) {
            for (int r = 0; r < largest; r++) votes[r] = labels[neighbours.index(q, r)];
            for (int i = 0; i < ks.length; i++) predictions[i][q] = Votes.majority(votes, 0, ks[i], classCount);
        }
        return predictions;
    }

    /** The predicted label of each query [Q, ...]. */
    public int[] predict(Tensor queries, int k, Distance distance) {
        return predict(queries, new int[] {k}, distance, null)[0];
    }

    /** The fraction of predictions equal to the labels. */
    public static double accuracy(int[] predicted, int[] labels) {
        if (predicted.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("Knn.accuracy: expected as many predictions as labels, at least one; got "
                    + predicted.length + " and " + labels.length);
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) correct++;
        return (double) correct / labels.length;
    }

    private void checkK(String op, int k) {
        if (k < 1 || k > labels.length) {
            throw new IllegalArgumentException("Knn." + op + ": k must be in 1.." + labels.length
                    + " (the training examples); got " + k);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** True when candidate i sorts before candidate j: a smaller distance, or an equal one and a smaller row. */
    private static boolean before(double[] exact, int[] rows, int i, int j) {
        return exact[i] < exact[j] || (exact[i] == exact[j] && rows[i] < rows[j]);
    }

    /** One block of queries searched against all training examples, one block of those at a time. */
    private final class QueryBlock {
        private final float[] x;
        private final float[] xNorms;
        private final int from;
        private final int rows;
        private final int k;
        private final Distance distance;
        private final Candidates candidates;

        QueryBlock(float[] x, float[] xNorms, int from, int to, int k, Distance distance) {
            this.x = x;
            this.xNorms = xNorms;
            this.from = from;
            this.rows = to - from;
            this.k = k;
            this.distance = distance;
            this.candidates = new Candidates(rows, Math.min(labels.length, k + config.extraCandidates()));
        }

        void search(int[] indices, double[] distances) {
            int block = Math.min(config.referenceBlock(), labels.length);
            float[] buffer = new float[rows * block];
            for (int start = 0; start < labels.length; start += block) {
                int cols = Math.min(block, labels.length - start);
                if (distance == Distance.L1) {
                    Distances.l1(x, from * dim, rows, features, start * dim, cols, dim, buffer, 0, cols);
                } else {
                    Distances.squaredL2(x, from * dim, rows, xNorms, from, features, start * dim, cols, norms, start, dim,
                            buffer, 0, cols);
                }
                for (int r = 0; r < rows; r++) candidates.offer(r, buffer, r * cols, cols, start);
            }
            for (int r = 0; r < rows; r++) rerank(r, indices, distances);
        }

        /** The exact distances of the row's candidates, sorted (distance, then training row); the first k are kept. */
        private void rerank(int r, int[] indices, double[] distances) {
            int m = candidates.size(r);
            int[] rowsOf = new int[m];
            double[] exact = new double[m];
            int xo = (from + r) * dim;
            for (int c = 0; c < m; c++) {
                int index = candidates.index(r, c);
                exact[c] = distance == Distance.L1 ? Distances.l1Exact(x, xo, features, index * dim, dim)
                        : Distances.squaredL2Exact(x, xo, features, index * dim, dim);
                rowsOf[c] = index;
                for (int p = c; p > 0 && before(exact, rowsOf, p, p - 1); p--) {
                    double d = exact[p]; exact[p] = exact[p - 1]; exact[p - 1] = d;
                    int i = rowsOf[p]; rowsOf[p] = rowsOf[p - 1]; rowsOf[p - 1] = i;
                }
            }
            int out = (from + r) * k;
            for (int c = 0; c < k; c++) {
                indices[out + c] = rowsOf[c];
                distances[out + c] = distance == Distance.L2 ? Math.sqrt(exact[c]) : exact[c];
            }
        }
    }
}
