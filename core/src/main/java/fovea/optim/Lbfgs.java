package fovea.optim;

import fovea.tensor.GradMode;
import fovea.tensor.Shape;
import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * L-BFGS, as PyTorch's torch.optim.LBFGS (1.13), decision for decision: each {@link #step(Closure)} runs up to maxIter
 * iterations of the two-loop recursion over the last historySize curvature pairs (y = g - g_prev, s = t d), with a
 * fixed step t = lr (the first ever: min(1, 1/|g|₁) lr) or PyTorch's strong-Wolfe line search, and stops on PyTorch's
 * tests (maxEval evaluations, |g|∞ <= toleranceGrad, a directional derivative, step or loss change below
 * toleranceChange). The history continues from step to step and is saved by {@link #stateDict()}.
 *
 * <p>Numerics: vectors are stored in float32 as the parameters (the memory of PyTorch's float32 history), while dot
 * products, sums and every scalar (losses, steps, the Hessian scale) are doubles, as PyTorch's Python floats: the
 * stopping tests compare loss changes with 1e-9, far below a float32 loss's resolution.
 */
public final class Lbfgs extends Optimizer {
    private final Config config;
    private final int numel;
    private long funcEvals;                 // PyTorch's state['func_evals'] and state['n_iter'], over all steps
    private long nIter;
    private float[] d;                      // the last direction; zeros before the first iteration
    private double t;                       // the last step length
    private final List<float[]> oldDirs = new ArrayList<>();   // y, oldest first
    private final List<float[]> oldStps = new ArrayList<>();   // s
    private final List<Double> ro = new ArrayList<>();         // 1 / (y · s)
    private double hDiag = 1;               // the scale of the initial inverse Hessian, y·s / y·y
    private float[] prevFlatGrad;
    private double prevLoss;

    /** How the step length is chosen. */
    public enum LineSearch {
        /** A fixed step of lr along the direction (the first iteration ever: min(1, 1/|g|₁) lr). */
        NONE,
        /** PyTorch's strong-Wolfe search (c1 1e-4, c2 0.9, at most 25 evaluations), started from that step. */
        STRONG_WOLFE
    }

    /** The settings of L-BFGS, PyTorch's arguments of the same names. */
    public record Config(float lr, int maxIter, int maxEval, float toleranceGrad, float toleranceChange, int historySize,
            LineSearch lineSearch) {
        /** Validates the settings: lr and the tolerances finite and >= 0, the counts > 0, a line search named. */
        public Config {
            Checks.nonNegative("Lbfgs", "lr", lr);
            Checks.positive("Lbfgs", "maxIter", maxIter);
            Checks.positive("Lbfgs", "maxEval", maxEval);
            Checks.nonNegative("Lbfgs", "toleranceGrad", toleranceGrad);
            Checks.nonNegative("Lbfgs", "toleranceChange", toleranceChange);
            Checks.positive("Lbfgs", "historySize", historySize);
            if (lineSearch == null) throw new IllegalArgumentException("Lbfgs: lineSearch must be NONE or STRONG_WOLFE; got null");
        }

        /** PyTorch's defaults: lr 1, maxIter 20, maxEval 25, toleranceGrad 1e-7, toleranceChange 1e-9, history 100, no line search. */
        public static Config defaults() {
            return new Config(1f, 20, 20 * 5 / 4, 1e-7f, 1e-9f, 100, LineSearch.NONE);
        }

        /** These settings with the learning rate {@code value}: the fixed step, or the line search's first trial. */
        public Config withLr(float value) {
            return new Config(value, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /**
         * These settings with at most {@code value} iterations per step and PyTorch's default for it of
         * value·5/4 evaluations (rounded down); call {@link #withMaxEval} afterwards for another.
         */
        public Config withMaxIter(int value) {
            return new Config(lr, value, value * 5 / 4, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with at most {@code value} closure evaluations per step. */
        public Config withMaxEval(int value) {
            return new Config(lr, maxIter, value, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings stopping once every gradient element is within {@code value} of 0. */
        public Config withToleranceGrad(float value) {
            return new Config(lr, maxIter, maxEval, value, toleranceChange, historySize, lineSearch);
        }

        /** These settings stopping once the loss, the step or the directional derivative changes by less than {@code value}. */
        public Config withToleranceChange(float value) {
            return new Config(lr, maxIter, maxEval, toleranceGrad, value, historySize, lineSearch);
        }

        /** These settings keeping the last {@code value} curvature pairs. */
        public Config withHistorySize(int value) {
            return new Config(lr, maxIter, maxEval, toleranceGrad, toleranceChange, value, lineSearch);
        }

        /** These settings with the line search {@code value}. */
        public Config withLineSearch(LineSearch value) {
            return new Config(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, value);
        }
    }

    /** L-BFGS over {@code params}, one group as PyTorch requires, which it treats as one flat vector. */
    public Lbfgs(List<Tensor> params, Config config) {
        super(params, config.lr());
        this.config = config;
        int total = 0;
        for (Tensor p : params()) total = Math.addExact(total, p.numel());
        this.numel = total;
        this.d = new float[numel];
        this.prevFlatGrad = new float[numel];
    }

    /** The settings this optimizer was made with (the rate may since have changed: see lr()). */
    public Config config() {
        return config;
    }

    /** Fails: L-BFGS evaluates the loss several times per step, so it needs {@link #step(Closure)}. */
    @Override public void step() {
        throw new IllegalStateException("Lbfgs: step() cannot re-evaluate the loss; got no closure, expected "
                + "step(closure) with a closure that zeroes the gradients, computes the loss and calls backward");
    }

    /** Never called: L-BFGS updates all parameters together in {@link #step(Closure)}, and step() fails first. */
    @Override protected void update(Group group, float[] param, float[] grad, float[][] state, long step) {
        throw new IllegalStateException("Lbfgs: has no per-parameter update; expected step(closure)");
    }

    /**
     * Runs one L-BFGS step: up to maxIter iterations and maxEval closure evaluations, as PyTorch's LBFGS.step(closure);
     * returns the loss of the first evaluation, at the parameters the step started from.
     */
    @Override public double step(Closure closure) {
        double origLoss = evaluate(closure);
        double loss = origLoss;
        int currentEvals = 1;
        funcEvals++;
        float[] flatGrad = gatherFlatGrad();
        if (StrongWolfe.maxAbs(flatGrad) <= config.toleranceGrad()) return origLoss;   // optimal already

        float lr = lr();
        double toleranceChange = config.toleranceChange();
        int iteration = 0;
        while (iteration < config.maxIter()) {
            iteration++;
            nIter++;
            if (nIter == 1) {
                for (int j = 0; j < numel; j++) d[j] = -flatGrad[j];
                oldDirs.clear();
                oldStps.clear();
                ro.clear();
                hDiag = 1;
            } else {
                remember(flatGrad);
                d = direction(flatGrad);
            }
            System.arraycopy(flatGrad, 0, prevFlatGrad, 0, numel);
            prevLoss = loss;

            // the first step ever is scaled down by the gradient's size; later ones start at lr
            t = nIter == 1 ? Math.min(1.0, 1.0 / absSum(flatGrad)) * lr : lr;
            double gtd = StrongWolfe.dot(flatGrad, d);
            if (gtd > -toleranceChange) break;      // not a descent direction any more

            int lineEvals = 0;
            boolean optimal = false;
            if (config.lineSearch() == LineSearch.STRONG_WOLFE) {
                float[][] start = cloneParams();
                float[] direction = d;
                StrongWolfe.Result found = StrongWolfe.search(
                        step -> directionalEvaluate(closure, start, step, direction), t, d, loss, flatGrad, gtd);
                loss = found.loss();
                flatGrad = found.grad();
                t = found.t();
                lineEvals = found.evals();
                addScaled(t, d);
                optimal = StrongWolfe.maxAbs(flatGrad) <= config.toleranceGrad();
            } else {
                addScaled(t, d);
                if (iteration != config.maxIter()) {
                    // PyTorch skips the evaluation after the last iteration: in a stochastic setting it is wasted
                    loss = evaluate(closure);
                    flatGrad = gatherFlatGrad();
                    optimal = StrongWolfe.maxAbs(flatGrad) <= config.toleranceGrad();
                    lineEvals = 1;
                }
            }
            currentEvals += lineEvals;
            funcEvals += lineEvals;

            if (iteration == config.maxIter()) break;
            if (currentEvals >= config.maxEval()) break;
            if (optimal) break;
            if (maxAbsScaled(d, t) <= toleranceChange) break;      // the step is too small to matter
            if (Math.abs(loss - prevLoss) < toleranceChange) break; // the loss no longer changes
        }
        return origLoss;
    }

    /** Adds the curvature pair of the last step to the history when y·s > 1e-10, dropping the oldest beyond its size. */
    private void remember(float[] flatGrad) {
        float[] y = new float[numel];
        float[] s = new float[numel];
        for (int j = 0; j < numel; j++) {
            y[j] = flatGrad[j] - prevFlatGrad[j];
            s[j] = (float) (d[j] * t);
        }
        double ys = StrongWolfe.dot(y, s);
        if (ys > 1e-10) {
            if (oldDirs.size() == config.historySize()) {
                oldDirs.remove(0);
                oldStps.remove(0);
                ro.remove(0);
            }
            oldDirs.add(y);
            oldStps.add(s);
            ro.add(1.0 / ys);
            hDiag = ys / StrongWolfe.dot(y, y);
        }
    }

    /** The L-BFGS direction -H g by the two-loop recursion, accumulated in double and stored as float32. */
    private float[] direction(float[] flatGrad) {
        int count = oldDirs.size();
        double[] al = new double[count];
        double[] q = new double[numel];
        for (int j = 0; j < numel; j++) q[j] = -flatGrad[j];
        for (int i = count - 1; i >= 0; i--) {
            al[i] = dot(oldStps.get(i), q) * ro.get(i);
            axpy(-al[i], oldDirs.get(i), q);
        }
        for (int j = 0; j < numel; j++) q[j] *= hDiag;      // the initial Hessian; q is now r
        for (int i = 0; i < count; i++) {
            double be = dot(oldDirs.get(i), q) * ro.get(i);
            axpy(al[i] - be, oldStps.get(i), q);
        }
        float[] out = new float[numel];
        for (int j = 0; j < numel; j++) out[j] = (float) q[j];
        return out;
    }

    /** PyTorch's _directional_evaluate: the loss and gradient at start + step d, leaving the parameters at start. */
    private StrongWolfe.Point directionalEvaluate(Closure closure, float[][] start, double step, float[] direction) {
        addScaled(step, direction);
        double loss = evaluate(closure);
        float[] grad = gatherFlatGrad();
        setParams(start);
        return new StrongWolfe.Point(loss, grad);
    }

    /** Every gradient in one vector, zeros for a parameter without one, as PyTorch's _gather_flat_grad. */
    private float[] gatherFlatGrad() {
        float[] flat = new float[numel];
        int offset = 0;
        for (Tensor p : params()) {
            int start = offset;
            if (p.grad() != null) p.grad().read(values -> System.arraycopy(values, 0, flat, start, values.length));
            offset += p.numel();
        }
        return flat;
    }

    /** p += step · update, parameter by parameter over the flat vector (PyTorch's _add_grad). */
    private void addScaled(double step, float[] update) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            int offset = 0;
            for (Tensor p : params()) {
                int start = offset;
                p.updateInPlace(values -> {
                    for (int j = 0; j < values.length; j++) values[j] = (float) (values[j] + step * update[start + j]);
                });
                offset += p.numel();
            }
        }
    }

    private float[][] cloneParams() {
        float[][] copies = new float[params().size()][];
        for (int i = 0; i < copies.length; i++) copies[i] = params().get(i).toArray();
        return copies;
    }

    private void setParams(float[][] values) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < values.length; i++) {
                float[] source = values[i];
                params().get(i).updateInPlace(target -> System.arraycopy(source, 0, target, 0, source.length));
            }
        }
    }

    private static double absSum(float[] values) {
        double sum = 0;
        for (float value : values) sum += Math.abs(value);
        return sum;
    }

    private static double maxAbsScaled(float[] values, double scale) {
        double max = 0;
        for (float value : values) max = Math.max(max, Math.abs(value * scale));
        return max;
    }

    private static double dot(float[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) sum += a[j] * b[j];
        return sum;
    }

    private static void axpy(double alpha, float[] x, double[] y) {
        for (int j = 0; j < y.length; j++) y[j] += alpha * x[j];
    }

    /**
     * PyTorch's state keys: "func_evals", "n_iter", "t", "H_diag", "prev_loss" (exact 64-bit words), "d" and
     * "prev_flat_grad" (the flat vector), "old_dirs" and "old_stps" ([k, numel], oldest first) and "ro" (k words).
     */
    @Override protected Map<String, Tensor> extraState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("func_evals", Stateful.words(funcEvals));
        out.put("n_iter", Stateful.words(nIter));
        out.put("t", Stateful.words(Double.doubleToRawLongBits(t)));
        out.put("H_diag", Stateful.words(Double.doubleToRawLongBits(hDiag)));
        out.put("prev_loss", Stateful.words(Double.doubleToRawLongBits(prevLoss)));
        out.put("d", Tensor.of(d, numel));
        out.put("prev_flat_grad", Tensor.of(prevFlatGrad, numel));
        out.put("old_dirs", stack(oldDirs));
        out.put("old_stps", stack(oldStps));
        long[] roBits = new long[ro.size()];
        for (int i = 0; i < roBits.length; i++) roBits[i] = Double.doubleToRawLongBits(ro.get(i));
        out.put("ro", Stateful.words(roBits));
        return out;
    }

    private Tensor stack(List<float[]> rows) {
        float[] values = new float[rows.size() * numel];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, values, i * numel, numel);
        return Tensor.of(values, rows.size(), numel);
    }

    /** The history may hold 0 to historySize pairs, the same number in old_dirs, old_stps and ro. */
    @Override protected void checkExtraState(Map<String, Tensor> saved, List<String> problems) {
        for (String key : List.of("func_evals", "n_iter", "t", "H_diag", "prev_loss")) {
            Tensor given = saved.get(key);
            if (given != null && !given.shape().equals(Shape.of(1, 4))) {
                problems.add("shape: " + key + " is [1, 4] here, " + given.shape() + " in the state given");
            } else if (given != null) {
                try {
                    Stateful.longs(key, given);
                } catch (IllegalArgumentException e) {
                    problems.add("value: " + e.getMessage());
                }
            }
        }
        for (String key : List.of("d", "prev_flat_grad")) {
            Tensor given = saved.get(key);
            if (given != null && !given.shape().equals(Shape.of(numel))) {
                problems.add("shape: " + key + " is [" + numel + "] here, " + given.shape() + " in the state given");
            }
        }
        Tensor dirs = saved.get("old_dirs");
        Tensor stps = saved.get("old_stps");
        Tensor roWords = saved.get("ro");
        if (dirs == null || stps == null || roWords == null) return;
        int count = dirs.rank() == 2 ? dirs.size(0) : -1;
        Shape pairs = Shape.of(Math.max(count, 0), numel);
        if (count < 0 || count > config.historySize() || !dirs.shape().equals(pairs) || !stps.shape().equals(pairs)
                || !roWords.shape().equals(Shape.of(Math.max(count, 0), 4))) {
            problems.add("shape: old_dirs, old_stps and ro must be [k, " + numel + "], [k, " + numel + "] and [k, 4] with k <= "
                    + config.historySize() + "; got " + dirs.shape() + ", " + stps.shape() + " and " + roWords.shape());
        }
    }

    @Override protected void loadExtraState(Map<String, Tensor> saved) {
        funcEvals = Stateful.longs("func_evals", saved.get("func_evals"))[0];
        nIter = Stateful.longs("n_iter", saved.get("n_iter"))[0];
        t = Double.longBitsToDouble(Stateful.longs("t", saved.get("t"))[0]);
        hDiag = Double.longBitsToDouble(Stateful.longs("H_diag", saved.get("H_diag"))[0]);
        prevLoss = Double.longBitsToDouble(Stateful.longs("prev_loss", saved.get("prev_loss"))[0]);
        d = saved.get("d").toArray();
        prevFlatGrad = saved.get("prev_flat_grad").toArray();
        oldDirs.clear();
        oldStps.clear();
        ro.clear();
        float[] dirs = saved.get("old_dirs").toArray();
        float[] stps = saved.get("old_stps").toArray();
        for (long bits : Stateful.longs("ro", saved.get("ro"))) ro.add(Double.longBitsToDouble(bits));
        for (int i = 0; i < ro.size(); i++) {
            oldDirs.add(Arrays.copyOfRange(dirs, i * numel, (i + 1) * numel));
            oldStps.add(Arrays.copyOfRange(stps, i * numel, (i + 1) * numel));
        }
    }
}
