package fovea.nn;

import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;

/** Parallel branches on one input, their outputs joined along the channel dim (1): Inception's module. */
public final class Concat extends Module {
    private final List<Module> branches;

    /** The branches under their names (Inception's branch1 ... branch4), joined in this order. */
    public Concat(LinkedHashMap<String, Module> branches) {
        if (branches.isEmpty()) throw new IllegalArgumentException("Concat: expected at least one branch; got none");
        this.branches = List.copyOf(branches.values());
        branches.forEach(this::child);
    }

    @Override protected Tensor forward(Tensor x) {
        Tensor[] outputs = new Tensor[branches.size()];
        for (int i = 0; i < outputs.length; i++) outputs[i] = branches.get(i).call(x);
        return Tensor.cat(1, outputs);
    }
}
