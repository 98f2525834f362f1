package fovea.optim;

import fovea.tensor.GradMode;
import fovea.tensor.Shape;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of the update rules, as PyTorch's torch.optim.Optimizer with one parameter group: it holds the
 * parameters, their per-parameter state and the learning rate, and {@link #step()} updates every parameter that
 * has a gradient. The state is saved and restored exactly through {@link #stateDict()} and {@link #loadStateDict}.
 */
public abstract class Optimizer implements Stateful {
    private final List<Tensor> params;
    private final List<String> stateNames;
    private final float[][][] state;        // [parameter][state name] -> values, each the parameter's size
    private final long[] steps;             // per parameter, as PyTorch's state['step']: skipped ones do not count
    private float lr;

    /**
     * Takes the parameters to update, the initial learning rate and the names of the buffers kept per parameter
     * (PyTorch's state keys, such as {@code exp_avg}); every buffer starts at zero.
     */
    protected Optimizer(List<Tensor> params, float lr, List<String> stateNames) {
        this.params = List.copyOf(checkParams(getClass().getSimpleName(), params));
        this.stateNames = List.copyOf(stateNames);
        this.state = new float[this.params.size()][this.stateNames.size()][];
        for (int i = 0; i < state.length; i++) {
            for (int s = 0; s < state[i].length; s++) state[i][s] = new float[this.params.get(i).numel()];
        }
        this.steps = new long[this.params.size()];
        setLr(lr);
    }

    private static List<Tensor> checkParams(String op, List<Tensor> params) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(op + ": expected at least one parameter; got an empty list");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) throw new IllegalArgumentException(op + ": parameter " + i + " is null");
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(op + ": parameter " + i + " " + p.shape()
                        + " does not require grad; expected tensors marked requiresGrad(true)");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(op + ": parameter " + i + " " + p.shape() + " is the result of '"
                        + p.op() + "'; expected a leaf tensor");
            }
            Integer first = seen.put(p, i);
            if (first != null) {
                // a repeated tensor would be updated twice per step
                throw new IllegalArgumentException(op + ": parameter " + i + " is the same tensor as parameter " + first
                        + "; expected each parameter once");
            }
        }
        return params;
    }

    /** Sets buffer {@code stateIndex} of every parameter to {@code value}: for state that does not start at zero. */
    protected final void fillState(int stateIndex, float value) {
        for (float[][] perParam : state) Arrays.fill(perParam[stateIndex], value);
    }

    /**
     * Updates one parameter: {@code param} is its storage, changed in place, {@code grad} its gradient's storage,
     * which the rule reads and must not change, {@code state} its buffers in the order of the names given to the
     * constructor (changed in place), and {@code step} its step count, which starts at 1.
     */
    protected abstract void update(float[] param, float[] grad, float[][] state, long step);

    /** Applies one update to every parameter whose gradient is not null, outside the graph. */
    public final void step() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor grad = p.grad();
                if (grad == null) continue;
                steps[i]++;
                float[][] buffers = state[i];
                long step = steps[i];
                // the parameter's own storage is updated in place, the gradient read in place: no copy per step
                grad.read(values -> p.updateInPlace(param -> update(param, values, buffers, step)));
            }
        }
    }

    /** Clears every parameter's gradient (to null, as PyTorch's default set_to_none). */
    public final void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** The learning rate the next step uses. */
    public final float lr() {
        return lr;
    }

    /** Sets the learning rate of the following steps: how schedules act. */
    public final void setLr(float value) {
        Checks.nonNegative(getClass().getSimpleName(), "lr", value);
        lr = value;
    }

    /** The parameters, in the order given to the constructor. */
    public final List<Tensor> params() {
        return params;
    }

    /** The names of the buffers kept per parameter, PyTorch's state keys. */
    public final List<String> stateNames() {
        return stateNames;
    }

    /**
     * A copy of all state: "lr", and per parameter i "i.step" (a scalar) and "i.&lt;name&gt;" for each state
     * buffer (the parameter's shape), as PyTorch's state_dict keys its per-parameter state.
     */
    @Override public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr));
        for (int i = 0; i < params.size(); i++) {
            // a float holds every whole number up to 2^24, so steps stay exact for 16 million updates
            out.put(i + ".step", Tensor.scalar(steps[i]));
            for (int s = 0; s < stateNames.size(); s++) {
                out.put(i + "." + stateNames.get(s), Tensor.of(state[i][s], params.get(i).shape()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Restores state saved by {@link #stateDict()}. Strict: a missing or unexpected key, a wrong shape or a bad
     * value fails, and the error lists every problem; nothing is changed unless all fit.
     */
    @Override public final void loadStateDict(Map<String, Tensor> saved) {
        Map<String, Tensor> own = stateDict();
        List<String> problems = new ArrayList<>();
        for (String key : own.keySet()) if (!saved.containsKey(key)) problems.add("missing: " + key);
        for (String key : saved.keySet()) if (!own.containsKey(key)) problems.add("unexpected: " + key);
        for (var entry : own.entrySet()) {
            String key = entry.getKey();
            Tensor given = saved.get(key);
            if (given == null) continue;
            Shape expected = entry.getValue().shape();
            if (!given.shape().equals(expected)) {
                problems.add("shape: " + key + " is " + expected + " in the optimizer, " + given.shape() + " in the file");
            } else if (key.equals("lr") && !(given.item() >= 0 && Float.isFinite(given.item()))) {
                problems.add("value: lr must be a finite number >= 0; got " + given.item());
            } else if (key.endsWith(".step") && !(given.item() >= 0 && given.item() == Math.rint(given.item()))) {
                problems.add("value: " + key + " must be a whole number >= 0; got " + given.item());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict(" + getClass().getSimpleName() + "): " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "\n  " + String.join("\n  ", problems));
        }
        lr = saved.get("lr").item();
        for (int i = 0; i < params.size(); i++) {
            steps[i] = (long) saved.get(i + ".step").item();
            for (int s = 0; s < stateNames.size(); s++) state[i][s] = saved.get(i + "." + stateNames.get(s)).toArray();
        }
    }
}
