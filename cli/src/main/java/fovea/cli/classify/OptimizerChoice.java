package fovea.cli.classify;

import fovea.optim.Optimizer;
import fovea.optim.Optimizers;
import fovea.tensor.Tensor;
import java.util.List;

/**
 * The optimizers {@code --optimizer} names: those of core's {@link Optimizers} that a training loop can step without a
 * closure (so not lbfgs), each delegating its default rate and construction to core.
 */
enum OptimizerChoice {
    SGD, MOMENTUM, NESTEROV, ADAGRAD, RMSPROP, ADAM, ADAMW, ADADELTA;

    private Optimizers.Entry entry() {
        return Optimizers.entry(optionName());
    }

    /** The learning rate used when none is given. */
    float defaultLr() {
        return entry().defaultLr();
    }

    /** The name on the command line. */
    String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The optimizer over {@code params}; momentum and Nesterov use 0.9. */
    Optimizer create(List<Tensor> params, float lr, float weightDecay) {
        return entry().create(params, lr, weightDecay);
    }
}
