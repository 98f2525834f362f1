package fovea.cli;

import fovea.optim.AdaDelta;
import fovea.optim.AdaGrad;
import fovea.optim.Adam;
import fovea.optim.AdamW;
import fovea.optim.Optimizer;
import fovea.optim.RmsProp;
import fovea.optim.Sgd;
import fovea.tensor.Tensor;
import java.util.List;

/** The optimizers {@code --optimizer} names, each with the learning rate it uses when {@code --lr} is not given. */
enum OptimizerChoice {
    SGD(0.01f), MOMENTUM(0.01f), NESTEROV(0.01f), ADAGRAD(0.01f), RMSPROP(0.001f), ADAM(0.001f), ADAMW(0.001f),
    ADADELTA(1f);

    private final float defaultLr;

    OptimizerChoice(float defaultLr) {
        this.defaultLr = defaultLr;
    }

    /** The learning rate used when none is given. */
    float defaultLr() {
        return defaultLr;
    }

    /** The name on the command line. */
    String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The optimizer over {@code params}; momentum and Nesterov use 0.9. */
    Optimizer create(List<Tensor> params, float lr, float weightDecay) {
        return switch (this) {
            case SGD -> new Sgd(params, Sgd.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            case MOMENTUM -> new Sgd(params, Sgd.Config.defaults().withLr(lr).withMomentum(0.9f).withWeightDecay(weightDecay));
            case NESTEROV -> new Sgd(params, Sgd.Config.defaults().withLr(lr).withMomentum(0.9f).withNesterov(true)
                    .withWeightDecay(weightDecay));
            case ADAGRAD -> new AdaGrad(params, AdaGrad.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            case RMSPROP -> new RmsProp(params, RmsProp.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            case ADAM -> new Adam(params, Adam.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            case ADAMW -> new AdamW(params, AdamW.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            case ADADELTA -> new AdaDelta(params, AdaDelta.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
        };
    }
}
