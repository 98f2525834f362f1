package fovea.optim;

import fovea.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * The optimizers a front end names (a command line's {@code --optimizer}), each with the learning rate it uses when
 * none is given and how to make it, so that every front end offers the same names with the same meaning.
 */
public final class Optimizers {
    private Optimizers() {}

    /** Makes a named optimizer over parameter groups at {@code lr} and {@code weightDecay}, which groups may override. */
    @FunctionalInterface
    public interface Factory {
        /** The optimizer over {@code groups}; a group's own lr and weight decay win over {@code lr} and {@code weightDecay}. */
        Optimizer create(ParamGroups groups, float lr, float weightDecay);
    }

    /**
     * A named optimizer: its name, the rate it uses when none is given, whether it must be stepped with a closure
     * (L-BFGS: full-batch problems such as style transfer, not a loop that calls step()), what it is, and its factory.
     */
    public record Entry(String name, float defaultLr, boolean needsClosure, String description, Factory factory) {
        /** The optimizer over {@code params}, one group. */
        public Optimizer create(List<Tensor> params, float lr, float weightDecay) {
            return create(params == null ? null : ParamGroups.of(ParamGroup.of(params)), lr, weightDecay);
        }

        /** The optimizer over {@code groups}. */
        public Optimizer create(ParamGroups groups, float lr, float weightDecay) {
            return factory.create(groups, lr, weightDecay);
        }
    }

    private static final float MOMENTUM = 0.9f;

    private static final List<Entry> ENTRIES = List.of(
            new Entry("sgd", 0.01f, false, "plain stochastic gradient descent",
                    (g, lr, wd) -> new Sgd(g, Sgd.Config.defaults().withLr(lr).withWeightDecay(wd))),
            new Entry("momentum", 0.01f, false, "SGD with momentum 0.9",
                    (g, lr, wd) -> new Sgd(g, Sgd.Config.defaults().withLr(lr).withMomentum(MOMENTUM).withWeightDecay(wd))),
            new Entry("nesterov", 0.01f, false, "SGD with Nesterov momentum 0.9",
                    (g, lr, wd) -> new Sgd(g, Sgd.Config.defaults().withLr(lr).withMomentum(MOMENTUM).withNesterov(true)
                            .withWeightDecay(wd))),
            new Entry("adagrad", 0.01f, false, "AdaGrad",
                    (g, lr, wd) -> new AdaGrad(g, AdaGrad.Config.defaults().withLr(lr).withWeightDecay(wd))),
            new Entry("rmsprop", 0.001f, false, "RMSprop, alpha 0.99",
                    (g, lr, wd) -> new RmsProp(g, RmsProp.Config.defaults().withLr(lr).withWeightDecay(wd))),
            new Entry("adam", 0.001f, false, "Adam, betas (0.9, 0.999), L2 weight decay",
                    (g, lr, wd) -> new Adam(g, Adam.Config.defaults().withLr(lr).withWeightDecay(wd))),
            new Entry("adamw", 0.001f, false, "AdamW, betas (0.9, 0.999), decoupled weight decay",
                    (g, lr, wd) -> new AdamW(g, AdamW.Config.defaults().withLr(lr).withWeightDecay(wd))),
            new Entry("adadelta", 1f, false, "AdaDelta, rho 0.9",
                    (g, lr, wd) -> new AdaDelta(g, AdaDelta.Config.defaults().withLr(lr).withWeightDecay(wd))),
            new Entry("lbfgs", 1f, true, "L-BFGS with the strong-Wolfe line search, stepped with a closure",
                    Optimizers::lbfgs));

    private static Optimizer lbfgs(ParamGroups groups, float lr, float weightDecay) {
        if (weightDecay != 0) {
            throw new IllegalArgumentException("Optimizers: lbfgs has no weight decay; got " + weightDecay + ", expected 0");
        }
        if (groups != null && (groups.size() != 1 || groups.get(0).lr() != null || groups.get(0).weightDecay() != null)) {
            // as PyTorch's LBFGS: "doesn't support per-parameter options (parameter groups)"
            throw new IllegalArgumentException("Optimizers: lbfgs takes one parameter group without settings of its own; got "
                    + groups.size() + (groups.size() == 1 ? " group with its own settings" : " groups"));
        }
        return new Lbfgs(groups == null ? null : groups.get(0).params(),
                Lbfgs.Config.defaults().withLr(lr).withLineSearch(Lbfgs.LineSearch.STRONG_WOLFE));
    }

    /** Every named optimizer, in the order a help text lists them. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The legal names, in order. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** The optimizer named {@code name} (any case); an unknown name fails listing the legal ones. */
    public static Entry entry(String name) {
        String wanted = name == null ? null : name.toLowerCase(Locale.ROOT);
        for (Entry entry : ENTRIES) if (entry.name().equals(wanted)) return entry;
        throw new IllegalArgumentException("Optimizers: unknown optimizer '" + name + "'; expected one of "
                + String.join(", ", names()));
    }

    /** The optimizer {@code name} over {@code params} at {@code lr} and {@code weightDecay}. */
    public static Optimizer create(String name, List<Tensor> params, float lr, float weightDecay) {
        return entry(name).create(params, lr, weightDecay);
    }

    /** The optimizer {@code name} over parameter groups, which may override {@code lr} and {@code weightDecay}. */
    public static Optimizer create(String name, ParamGroups groups, float lr, float weightDecay) {
        return entry(name).create(groups, lr, weightDecay);
    }
}
