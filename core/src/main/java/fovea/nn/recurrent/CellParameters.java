package fovea.nn.recurrent;

import fovea.nn.Init;
import fovea.nn.Module;
import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/** The parameters every single-step cell registers, PyTorch's names and init: weight_ih, weight_hh, bias_ih, bias_hh. */
abstract class CellParameters extends Module {
    final int inputSize;
    final int hiddenSize;
    final Recurrence.Weights weights;

    CellParameters(String name, int gates, int inputSize, int hiddenSize, boolean bias, RandomGenerator random) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(name + ": inputSize and hiddenSize must be >= 1; got " + inputSize + ", "
                    + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        Tensor wIh = parameter("weight_ih", Init.uniform(random, -bound, bound, gates * hiddenSize, inputSize));
        Tensor wHh = parameter("weight_hh", Init.uniform(random, -bound, bound, gates * hiddenSize, hiddenSize));
        Tensor bIh = bias ? parameter("bias_ih", Init.uniform(random, -bound, bound, gates * hiddenSize)) : null;
        Tensor bHh = bias ? parameter("bias_hh", Init.uniform(random, -bound, bound, gates * hiddenSize)) : null;
        weights = new Recurrence.Weights(wIh, wHh, bIh, bHh);
    }

    /** The parameters as one record. */
    public Recurrence.Weights weights() {
        return weights;
    }

    /** A zero state for {@code batch} sequences. */
    Tensor zeros(int batch) {
        return Tensor.zeros(batch, hiddenSize);
    }

    void checkInput(Tensor x, RecurrentState state) {
        boolean fits = x.rank() == 2 && x.size(1) == inputSize && (state == null
                || state.h().shape().equals(fovea.tensor.Shape.of(x.size(0), hiddenSize)));
        if (!fits) {
            throw new IllegalArgumentException(this + ": expected x [N, " + inputSize + "] and h [N, " + hiddenSize
                    + "]; got x " + x.shape() + ", h " + (state == null ? "none" : state.h().shape()));
        }
    }

    /** The gate block k of [N, G*H] pre-activations. */
    static Tensor block(Tensor gates, int k, int hidden) {
        return gates.slice(1, k * hidden, (k + 1) * hidden);
    }
}
