package fovea.optim;

import fovea.tensor.GradMode;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base of the update rules, as PyTorch's torch.optim.Optimizer: parameter groups, each with its own learning rate
 * and weight decay, the per-parameter state, and {@link #step()}, which updates every parameter that has a gradient
 * with its group's settings. The state is saved and restored exactly through {@link #stateDict()} and
 * {@link #loadStateDict}.
 */
public abstract class Optimizer implements Stateful {
    private final String name;
    private final List<Group> groups;
    private final List<Tensor> params;      // every group's parameters, in order: PyTorch's numbering in state_dict
    private final int[] groupOf;            // parameter index -> group index
    private final List<String> stateNames;
    private final float[][][] state;        // [parameter][state name] -> values, each the parameter's size
    private final long[] steps;             // per parameter, as PyTorch's state['step']: skipped ones do not count
    private final boolean hasWeightDecay;
    private final boolean perParameter;     // false: the algorithm keeps its state whole, in extraState()

    /**
     * Recomputes the loss for {@link #step(Closure)}: zeroes the gradients, runs the forward pass and backward, and
     * returns the loss's value, as the closure given to PyTorch's optimizer.step(closure).
     */
    @FunctionalInterface
    public interface Closure {
        /** Zeroes the gradients, computes the loss, calls backward on it and returns its value. */
        double evaluate();
    }

    /**
     * A parameter group as the optimizer holds it, PyTorch's {@code optimizer.param_groups[i]}: its parameters, the
     * learning rate the next step uses, the rate it started with (PyTorch's initial_lr, which schedules scale from)
     * and its weight decay. Schedules and users change the rate through {@link #setLr}.
     */
    public static final class Group {
        private final String op;
        private final List<Tensor> params;
        private final boolean hasWeightDecay;
        private float lr;
        private float initialLr;
        private float weightDecay;

        private Group(String op, List<Tensor> params, float lr, float weightDecay, boolean hasWeightDecay) {
            this.op = op;
            this.params = params;
            this.hasWeightDecay = hasWeightDecay;
            this.lr = lr;
            this.initialLr = lr;
            this.weightDecay = weightDecay;
        }

        /** The group's parameters, in the order given. */
        public List<Tensor> params() {
            return params;
        }

        /** The learning rate the next step uses for this group. */
        public float lr() {
            return lr;
        }

        /** The rate the group was made with, PyTorch's initial_lr: schedules set lr from it, and it is saved. */
        public float initialLr() {
            return initialLr;
        }

        /** The group's weight decay (0 for an optimizer that has none). */
        public float weightDecay() {
            return weightDecay;
        }

        /** Sets the rate of the following steps; must be a finite number >= 0. */
        public void setLr(float value) {
            Checks.nonNegative(op, "lr", value);
            lr = value;
        }

        /** Sets the weight decay of the following steps; must be a finite number >= 0. */
        public void setWeightDecay(float value) {
            if (!hasWeightDecay) {
                throw new IllegalStateException(op + ": has no weight decay to set; got setWeightDecay(" + value + ")");
            }
            Checks.nonNegative(op, "weightDecay", value);
            weightDecay = value;
        }
    }

    /**
     * One group of {@code params} at learning rate {@code lr}, for a rule without weight decay; {@code stateNames}
     * names the buffers kept per parameter (PyTorch's state keys, such as {@code exp_avg}), each starting at zero.
     */
    protected Optimizer(List<Tensor> params, float lr, List<String> stateNames) {
        this(one(params), lr, 0f, false, stateNames);
    }

    /**
     * The groups given, each at its own learning rate and weight decay or else at {@code lr} and {@code weightDecay};
     * {@code stateNames} names the buffers kept per parameter, each starting at zero.
     */
    protected Optimizer(ParamGroups groups, float lr, float weightDecay, List<String> stateNames) {
        this(groups, lr, weightDecay, true, stateNames);
    }

    /**
     * One group of {@code params} at learning rate {@code lr}, for an algorithm without weight decay that keeps its
     * state for all parameters together, in {@link #extraState()}, rather than per parameter: L-BFGS.
     */
    protected Optimizer(List<Tensor> params, float lr) {
        this(one(params), lr, 0f, false, null);
    }

    private Optimizer(ParamGroups groups, float lr, float weightDecay, boolean hasWeightDecay, List<String> stateNames) {
        this.name = getClass().getSimpleName();
        Checks.nonNegative(name, "lr", lr);
        Checks.nonNegative(name, "weightDecay", weightDecay);
        if (groups == null) throw new IllegalArgumentException(name + ": expected parameters; got null");
        this.hasWeightDecay = hasWeightDecay;
        this.perParameter = stateNames != null;
        this.params = List.copyOf(checkParams(name, groups));
        List<Group> made = new ArrayList<>();
        this.groupOf = new int[params.size()];
        int next = 0;
        for (ParamGroup given : groups.groups()) {
            for (int i = 0; i < given.params().size(); i++) groupOf[next++] = made.size();
            made.add(new Group(name, List.copyOf(given.params()), given.lr() != null ? given.lr() : lr,
                    given.weightDecay() != null ? given.weightDecay() : weightDecay, hasWeightDecay));
        }
        this.groups = List.copyOf(made);
        this.stateNames = perParameter ? List.copyOf(stateNames) : List.of();
        this.state = new float[params.size()][this.stateNames.size()][];
        for (int i = 0; i < state.length; i++) {
            for (int s = 0; s < state[i].length; s++) state[i][s] = new float[params.get(i).numel()];
        }
        this.steps = new long[params.size()];
    }

    /** One group of {@code params} with the optimizer's settings; null stays null, for the constructor to report. */
    protected static ParamGroups one(List<Tensor> params) {
        return params == null ? null : ParamGroups.of(ParamGroup.of(params));
    }

    private static List<Tensor> checkParams(String op, ParamGroups groups) {
        List<Tensor> all = new ArrayList<>();
        List<Integer> groupIndex = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Tensor p : groups.get(g).params()) {
                all.add(p);
                groupIndex.add(g);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(op + ": expected at least one parameter; got "
                    + (groups.size() <= 1 ? "an empty list" : groups.size() + " empty groups"));
        }
        // with one group the index alone says which parameter; with several, the group too
        boolean several = groups.size() > 1;
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Tensor p = all.get(i);
            String which = "parameter " + i + (several ? " (group " + groupIndex.get(i) + ")" : "");
            if (p == null) throw new IllegalArgumentException(op + ": " + which + " is null");
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(op + ": " + which + " " + p.shape()
                        + " does not require grad; expected tensors marked requiresGrad(true)");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(op + ": " + which + " " + p.shape() + " is the result of '"
                        + p.op() + "'; expected a leaf tensor");
            }
            Integer first = seen.put(p, i);
            if (first != null) {
                // a repeated tensor would be updated twice per step (PyTorch: "appear in more than one parameter group")
                throw new IllegalArgumentException(op + ": " + which + " is the same tensor as parameter " + first
                        + (several ? " (group " + groupIndex.get(first) + ")" : "") + "; expected each parameter once");
            }
        }
        return all;
    }

    /** Sets buffer {@code stateIndex} of every parameter to {@code value}: for state that does not start at zero. */
    protected final void fillState(int stateIndex, float value) {
        for (float[][] perParam : state) Arrays.fill(perParam[stateIndex], value);
    }

    /**
     * Updates one parameter of {@code group}, whose settings (lr, weight decay) the rule reads: {@code param} is its
     * storage, changed in place, {@code grad} its gradient's storage, which the rule reads and must not change,
     * {@code state} its buffers in the order of the names given to the constructor (changed in place), and
     * {@code step} its step count, which starts at 1.
     */
    protected abstract void update(Group group, float[] param, float[] grad, float[][] state, long step);

    /** Applies one update to every parameter whose gradient is not null, with its group's settings, outside the graph. */
    public void step() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor grad = p.grad();
                if (grad == null) continue;
                steps[i]++;
                Group group = groups.get(groupOf[i]);
                float[][] buffers = state[i];
                long step = steps[i];
                // the parameter's own storage is updated in place, the gradient read in place: no copy per step
                grad.read(values -> p.updateInPlace(param -> update(group, param, values, buffers, step)));
            }
        }
    }

    /**
     * Evaluates {@code closure} once, with gradients on, then takes {@link #step()}, and returns the loss: PyTorch's
     * optimizer.step(closure). Algorithms that evaluate the loss several times per step ({@link Lbfgs}) override it.
     */
    public double step(Closure closure) {
        double loss = evaluate(closure);
        step();
        return loss;
    }

    /** Calls {@code closure} once, checking first that gradients are on (a no-grad scope would record nothing). */
    protected final double evaluate(Closure closure) {
        if (closure == null) throw new IllegalArgumentException(name + ": step expected a closure; got null");
        if (!GradMode.enabled()) {
            // PyTorch turns gradients on inside the closure; Fovea asks the caller not to step inside a no-grad scope
            throw new IllegalStateException(name + ": step(closure) inside a no-grad scope; expected gradients on, so "
                    + "the closure's backward can fill them");
        }
        return closure.evaluate();
    }

    /** Clears every parameter's gradient (to null, as PyTorch's default set_to_none). */
    public final void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** The parameter groups, in the order given. */
    public final List<Group> groups() {
        return groups;
    }

    /** Group {@code index}. */
    public final Group group(int index) {
        if (index < 0 || index >= groups.size()) {
            throw new IndexOutOfBoundsException(name + ": no group " + index + "; got " + index + ", expected 0 to "
                    + (groups.size() - 1));
        }
        return groups.get(index);
    }

    /** The learning rate of the first group: the optimizer's rate when it has one group, as most have. */
    public final float lr() {
        return groups.get(0).lr();
    }

    /** The learning rate of group {@code index}. */
    public final float lr(int index) {
        return group(index).lr();
    }

    /**
     * Sets the learning rate of the following steps of a one-group optimizer; with several groups the rate is ambiguous,
     * so it fails: use {@link #setLr(int, float)}.
     */
    public final void setLr(float value) {
        if (groups.size() != 1) {
            throw new IllegalStateException(name + ": setLr(value) sets the rate of a one-group optimizer; got "
                    + groups.size() + " groups, expected setLr(group, value)");
        }
        groups.get(0).setLr(value);
    }

    /** Sets the learning rate of group {@code index}: how schedules act. */
    public final void setLr(int index, float value) {
        group(index).setLr(value);
    }

    /** Every group's parameters, in order. */
    public final List<Tensor> params() {
        return params;
    }

    /** The names of the buffers kept per parameter, PyTorch's state keys. */
    public final List<String> stateNames() {
        return stateNames;
    }

    /**
     * The state an algorithm keeps beyond the per-parameter buffers (L-BFGS's history), under keys of its own that are
     * the same at every step; the shapes may change (a history that grows).
     */
    protected Map<String, Tensor> extraState() {
        return Map.of();
    }

    /**
     * Adds to {@code problems} what is wrong with the extra-state tensors of {@code saved} that are present (missing
     * and unexpected keys are reported already); by default, a shape that differs from {@link #extraState()}'s.
     */
    protected void checkExtraState(Map<String, Tensor> saved, List<String> problems) {
        extraState().forEach((key, tensor) -> {
            Tensor given = saved.get(key);
            if (given != null && !given.shape().equals(tensor.shape())) {
                problems.add("shape: " + key + " is " + tensor.shape() + " here, " + given.shape() + " in the state given");
            }
        });
    }

    /** Restores the extra state from {@code saved}, already checked by {@link #checkExtraState}. */
    protected void loadExtraState(Map<String, Tensor> saved) {}

    /**
     * A copy of all state, PyTorch's state_dict flattened: per group g "param_groups.g.lr", ".initial_lr",
     * ".weight_decay" (for rules that have one) and ".params" (the indices of its parameters); per parameter i
     * "i.step" (a scalar) and "i.&lt;name&gt;" for each buffer (the parameter's shape), for rules that update parameter by
     * parameter; then the extra state.
     */
    @Override public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int first = 0;
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            String prefix = "param_groups." + g + ".";
            out.put(prefix + "lr", Tensor.scalar(group.lr));
            out.put(prefix + "initial_lr", Tensor.scalar(group.initialLr));
            if (hasWeightDecay) out.put(prefix + "weight_decay", Tensor.scalar(group.weightDecay));
            out.put(prefix + "params", indices(first, group.params.size()));
            first += group.params.size();
        }
        for (int i = 0; perParameter && i < params.size(); i++) {
            // a float holds every whole number up to 2^24, so steps stay exact for 16 million updates
            out.put(i + ".step", Tensor.scalar(steps[i]));
            for (int s = 0; s < stateNames.size(); s++) {
                out.put(i + "." + stateNames.get(s), Tensor.of(state[i][s], params.get(i).shape()));
            }
        }
        out.putAll(extraState());
        return Collections.unmodifiableMap(out);
    }

    private static Tensor indices(int first, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) values[i] = first + i;
        return Tensor.of(values, count);
    }

    /**
     * Restores state saved by {@link #stateDict()}. Strict: a missing or unexpected key, a wrong shape, a group made of
     * other parameters or a bad value fails, and the error lists every problem; nothing is changed unless all fit.
     */
    @Override public final void loadStateDict(Map<String, Tensor> saved) {
        Map<String, Tensor> own = stateDict();
        Set<String> extra = extraState().keySet();
        List<String> problems = new ArrayList<>();
        for (String key : own.keySet()) if (!saved.containsKey(key)) problems.add("missing: " + key);
        for (String key : saved.keySet()) if (!own.containsKey(key)) problems.add("unexpected: " + key);
        for (var entry : own.entrySet()) {
            String key = entry.getKey();
            Tensor given = saved.get(key);
            if (given == null || extra.contains(key)) continue;
            if (!given.shape().equals(entry.getValue().shape())) {
                problems.add("shape: " + key + " is " + entry.getValue().shape() + " here, " + given.shape()
                        + " in the state given");
            } else if (key.endsWith(".params")) {
                if (!Arrays.equals(given.toArray(), entry.getValue().toArray())) {
                    problems.add("value: " + key + " holds parameters " + Arrays.toString(given.toArray())
                            + " in the state given; expected " + Arrays.toString(entry.getValue().toArray()));
                }
            } else if (key.startsWith("param_groups.")) {
                float value = given.item();
                if (!(value >= 0 && Float.isFinite(value))) {
                    problems.add("value: " + key + " must be a finite number >= 0; got " + value);
                }
            } else if (key.endsWith(".step") && !(given.item() >= 0 && given.item() == Math.rint(given.item()))) {
                problems.add("value: " + key + " must be a whole number >= 0; got " + given.item());
            }
        }
        checkExtraState(saved, problems);
        Stateful.check(name, problems);
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            String prefix = "param_groups." + g + ".";
            group.lr = saved.get(prefix + "lr").item();
            group.initialLr = saved.get(prefix + "initial_lr").item();
            if (hasWeightDecay) group.weightDecay = saved.get(prefix + "weight_decay").item();
        }
        for (int i = 0; perParameter && i < params.size(); i++) {
            steps[i] = (long) saved.get(i + ".step").item();
            for (int s = 0; s < stateNames.size(); s++) state[i][s] = saved.get(i + "." + stateNames.get(s)).toArray();
        }
        loadExtraState(saved);
    }
}
