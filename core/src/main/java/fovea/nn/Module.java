package fovea.nn;

import fovea.tensor.GradMode;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A part of a model, as PyTorch's nn.Module: it registers its parameters, buffers and children explicitly,
 * under the names that make its state-dict keys ({@code features.0.weight}), and maps a tensor to a tensor.
 */
public abstract class Module implements Stateful {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The output for input {@code x}: what a module computes. Protected: everyone runs a module through {@link #call}, so hooks see every layer. */
    protected abstract Tensor forward(Tensor x);

    /** Watches module calls on this thread (for summaries and diagnostics): told each module's input and output. */
    @FunctionalInterface
    public interface Observer {
        /** Called after {@code module} computed {@code output} from {@code input}. */
        void called(Module module, Tensor input, Tensor output);
    }

    private static final ThreadLocal<Observer> OBSERVER = new ThreadLocal<>();

    /**
     * Runs {@link #forward} and tells the thread's observer, if any, as PyTorch's module call runs its hooks.
     * Containers and models call their children this way so that a summary or a diagnostic sees every layer.
     */
    public final Tensor call(Tensor x) {
        Tensor y = forward(x);
        Observer observer = OBSERVER.get();
        if (observer != null) observer.called(this, x, y);
        return y;
    }

    /** Runs {@code body} with {@code observer} told of every module call on this thread; returns body's result. */
    public static <T> T observe(Observer observer, java.util.function.Supplier<T> body) {
        Observer previous = OBSERVER.get();
        OBSERVER.set(observer);
        try {
            return body.get();
        } finally {
            OBSERVER.set(previous);
        }
    }

    /** Every module of the tree under its dotted name ("" for this one), in registration order. */
    public Map<Module, String> namedModules() {
        Map<Module, String> out = new java.util.IdentityHashMap<>();
        java.util.ArrayDeque<Map.Entry<String, Module>> pending = new java.util.ArrayDeque<>();
        pending.add(Map.entry("", this));
        while (!pending.isEmpty()) {
            var entry = pending.poll();
            out.putIfAbsent(entry.getValue(), entry.getKey());
            entry.getValue().children.forEach((name, child) ->
                    pending.add(Map.entry(entry.getKey().isEmpty() ? name : entry.getKey() + "." + name, child)));
        }
        return out;
    }

    /** Registers a trainable tensor under {@code name}; it is marked as requiring grad. Returns it. */
    protected final Tensor parameter(String name, Tensor value) {
        checkName(name);
        if (!value.isLeaf()) value = value.detach();
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    /** Registers state that is saved but not trained (running statistics). Returns it. */
    protected final Tensor buffer(String name, Tensor value) {
        checkName(name);
        Tensor leaf = value.isLeaf() ? value : value.detach();
        buffers.put(name, leaf);
        return leaf;
    }

    /** Registers a sub-module under {@code name}. Returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a registered name must be non-empty "
                    + "and without dots; got \"" + name + "\"");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name \"" + name
                    + "\" is already registered");
        }
    }

    /** Stops training every parameter of this subtree (requiresGrad false); returns this. */
    public Module freeze() {
        for (Tensor p : parameters()) p.requiresGrad(false);
        return this;
    }

    /** Trains every parameter of this subtree again; returns this. */
    public Module unfreeze() {
        for (Tensor p : parameters()) p.requiresGrad(true);
        return this;
    }

    /** Freezes (or, with {@code frozen} false, unfreezes) the parameters whose dotted names match {@code regex}. */
    public int freeze(String regex, boolean frozen) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        int count = 0;
        for (var entry : namedParameters().entrySet()) {
            if (pattern.matcher(entry.getKey()).matches()) {
                entry.getValue().requiresGrad(!frozen);
                count++;
            }
        }
        return count;
    }

    /** The parameters that are trained (not frozen), for the optimizer. */
    public List<Tensor> trainableParameters() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : parameters()) if (p.requiresGrad()) out.add(p);
        return out;
    }

    /**
     * Replaces the module at a dotted path (a new head: {@code replace("classifier.5", new Linear(84, 5, r))}).
     * The parent must be a {@link Sequential}; other modules hold their children in final fields.
     */
    public void replace(String path, Module replacement) {
        int dot = path.lastIndexOf('.');
        Module parent = this;
        if (dot >= 0) {
            for (String part : path.substring(0, dot).split("\\.")) {
                parent = parent.children.get(part);
                if (parent == null) throw new IllegalArgumentException("replace: no module at \"" + path + "\" in " + getClass().getSimpleName());
            }
        }
        String name = path.substring(dot + 1);
        if (!(parent instanceof Sequential sequential)) {
            throw new IllegalArgumentException("replace: the parent of \"" + path + "\" is a " + parent.getClass().getSimpleName()
                    + "; expected a Sequential, whose layers can be replaced");
        }
        if (!parent.children.containsKey(name)) {
            throw new IllegalArgumentException("replace: no module at \"" + path + "\"; the Sequential has "
                    + parent.children.keySet());
        }
        parent.children.put(name, replacement);
        sequential.replaced(name, replacement);
    }

    /** Puts this module and all below it in training mode; returns this. */
    public Module train() {
        return train(true);
    }

    /** Puts this module and all below it in evaluation mode (dropout off, running statistics used); returns this. */
    public Module eval() {
        return train(false);
    }

    /** Sets the mode of this module and all below it; returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module child : children.values()) child.train(mode);
        return this;
    }

    /** True in training mode. */
    public boolean isTraining() {
        return training;
    }

    /**
     * Runs {@code body} with this module and all below it in evaluation mode, then restores the mode this module
     * had (evaluation, summaries and diagnostics of a model that is still training); returns body's result.
     */
    public final <T> T inEvalMode(java.util.function.Supplier<T> body) {
        boolean wasTraining = training;
        eval();
        try {
            return body.get();
        } finally {
            train(wasTraining);
        }
    }

    /** The direct sub-modules by name, in registration order. */
    public Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** Every parameter of the tree, in state-dict order. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter of the tree under its dotted name. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Parameters and buffers under their dotted names, as PyTorch's state_dict(); the tensors themselves. */
    @Override public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        parameters.forEach((name, tensor) -> out.put(prefix + name, tensor));
        if (withBuffers) buffers.forEach((name, tensor) -> out.put(prefix + name, tensor));
        children.forEach((name, child) -> child.collect(prefix + name + ".", out, withBuffers));
    }

    /** The number of trainable values. */
    public long parameterCount() {
        long count = 0;
        for (Tensor p : parameters()) count += p.numel();
        return count;
    }

    /**
     * Copies {@code state} into this module's parameters and buffers. Strict: a missing key, an unexpected key
     * or a shape mismatch fails, and the error lists every problem; nothing is changed unless all fit.
     */
    @Override public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> own = stateDict();
        List<String> problems = new ArrayList<>();
        for (String key : own.keySet()) if (!state.containsKey(key)) problems.add("missing: " + key);
        for (String key : state.keySet()) if (!own.containsKey(key)) problems.add("unexpected: " + key);
        for (var entry : own.entrySet()) {
            Tensor given = state.get(entry.getKey());
            if (given != null && !given.shape().equals(entry.getValue().shape())) {
                problems.add("shape: " + entry.getKey() + " is " + entry.getValue().shape() + " in the model, "
                        + given.shape() + " in the file");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict(" + getClass().getSimpleName() + "): " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "\n  " + String.join("\n  ", problems));
        }
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            own.forEach((key, tensor) -> tensor.assign(state.get(key)));
        }
    }

    /** PyTorch-like: the module and, indented, its children. */
    @Override public String toString() {
        if (children.isEmpty()) return getClass().getSimpleName() + "()";
        StringBuilder text = new StringBuilder(getClass().getSimpleName()).append("(\n");
        children.forEach((name, child) -> text.append("  (").append(name).append("): ")
                .append(child.toString().replace("\n", "\n  ")).append('\n'));
        return text.append(')').toString();
    }
}
