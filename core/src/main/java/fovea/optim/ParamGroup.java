package fovea.optim;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One parameter group as given to an optimizer, PyTorch's {@code {'params': ..., 'lr': ..., 'weight_decay': ...}}:
 * its parameters and the settings that override the optimizer's for them; a null setting means the optimizer's.
 */
public record ParamGroup(List<Tensor> params, Float lr, Float weightDecay) {
    /** Copies the list (null parameters are reported by the optimizer, which knows their index) and checks the settings. */
    public ParamGroup {
        if (params == null) throw new IllegalArgumentException("ParamGroup: expected a list of parameters; got null");
        params = Collections.unmodifiableList(new ArrayList<>(params));
        if (lr != null) Checks.nonNegative("ParamGroup", "lr", lr);
        if (weightDecay != null) Checks.nonNegative("ParamGroup", "weightDecay", weightDecay);
    }

    /** The group of {@code params} with the optimizer's settings. */
    public static ParamGroup of(List<Tensor> params) {
        return new ParamGroup(params, null, null);
    }

    /** This group with its own learning rate {@code value}. */
    public ParamGroup withLr(float value) {
        return new ParamGroup(params, value, weightDecay);
    }

    /** This group with its own weight decay {@code value} (0: none, as for biases and norm weights). */
    public ParamGroup withWeightDecay(float value) {
        return new ParamGroup(params, lr, value);
    }
}
