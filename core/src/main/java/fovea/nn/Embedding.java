package fovea.nn;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A lookup table, as PyTorch's nn.Embedding: indices [*] of whole numbers in [0, numEmbeddings) to rows of weight
 * [numEmbeddings, embeddingDim], giving [*, embeddingDim]; the weight starts N(0, 1), PyTorch's default.
 */
public final class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Tensor weight;

    /** A table of numEmbeddings rows of embeddingDim values. */
    public Embedding(int numEmbeddings, int embeddingDim, RandomGenerator random) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be >= 1; got "
                    + numEmbeddings + ", " + embeddingDim);
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        weight = parameter("weight", Init.normal(random, 0f, 1f, numEmbeddings, embeddingDim));
    }

    /** The table [numEmbeddings, embeddingDim]. */
    public Tensor weight() {
        return weight;
    }

    @Override protected Tensor forward(Tensor indices) {
        return Functional.embedding(indices, weight);
    }

    @Override public String toString() {
        return "Embedding(" + numEmbeddings + ", " + embeddingDim + ")";
    }
}
