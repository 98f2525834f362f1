package fovea.optim;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter groups of an optimizer, in order, and the usual ways of making them from named parameters without
 * knowing the modules: weight decay only on weight matrices and kernels, a lower rate for a pretrained backbone.
 */
public record ParamGroups(List<ParamGroup> groups) {
    /** Copies the list; a null group is an error. */
    public ParamGroups {
        if (groups == null) throw new IllegalArgumentException("ParamGroups: expected a list of groups; got null");
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) == null) throw new IllegalArgumentException("ParamGroups: group " + i + " is null");
        }
        groups = List.copyOf(groups);
    }

    /** The groups given, in order. */
    public static ParamGroups of(ParamGroup... groups) {
        return new ParamGroups(List.of(groups));
    }

    /** The number of groups. */
    public int size() {
        return groups.size();
    }

    /** Group {@code index}. */
    public ParamGroup get(int index) {
        return groups.get(index);
    }

    /** Every group's parameters, in order: what gradient clipping and zeroGrad see. */
    public List<Tensor> params() {
        List<Tensor> all = new ArrayList<>();
        for (ParamGroup group : groups) all.addAll(group.params());
        return all;
    }

    /**
     * The groups of timm's param_groups_weight_decay: {@code weightDecay} on the parameters of rank 2 and more
     * (weight matrices, convolution kernels, embeddings), 0 on the others (biases, norm weights and shifts), every
     * group at the optimizer's rate; parameters that do not require grad (frozen ones) are left out, as timm does.
     */
    public static ParamGroups fromNamed(Map<String, Tensor> named, float weightDecay) {
        return fromNamed(named, weightDecay, Map.of());
    }

    /**
     * As {@link #fromNamed(Map, float)}, and the parameters whose names start with a prefix of {@code lrByPrefix}
     * (such as "features." for a pretrained backbone) get that prefix's learning rate, the longest prefix winning.
     * Groups come in the order of their first parameter in {@code named}, so the same model gives the same groups;
     * a prefix that names no parameter is an error, as it is most likely a typing mistake.
     */
    public static ParamGroups fromNamed(Map<String, Tensor> named, float weightDecay, Map<String, Float> lrByPrefix) {
        if (named == null || lrByPrefix == null) {
            throw new IllegalArgumentException("ParamGroups.fromNamed: expected named parameters and a map of prefixes; got "
                    + (named == null ? "null parameters" : "null prefixes"));
        }
        Checks.nonNegative("ParamGroups.fromNamed", "weightDecay", weightDecay);
        lrByPrefix.forEach((prefix, lr) -> {
            if (prefix == null || prefix.isEmpty() || lr == null) {
                throw new IllegalArgumentException("ParamGroups.fromNamed: a prefix must be a non-empty name with a rate; got '"
                        + prefix + "' -> " + lr);
            }
            Checks.nonNegative("ParamGroups.fromNamed", "lr of '" + prefix + "'", lr);
        });
        Map<String, List<Tensor>> members = new LinkedHashMap<>();     // "prefix|decay" -> parameters, first seen first
        Map<String, ParamGroup> settings = new LinkedHashMap<>();
        List<String> unused = new ArrayList<>(lrByPrefix.keySet());
        named.forEach((name, tensor) -> {
            if (tensor == null) throw new IllegalArgumentException("ParamGroups.fromNamed: parameter '" + name + "' is null");
            if (!tensor.requiresGrad()) return;
            String prefix = longestPrefix(name, lrByPrefix.keySet());
            unused.remove(prefix);
            boolean decay = tensor.rank() >= 2;
            String key = prefix + "|" + decay;
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(tensor);
            settings.computeIfAbsent(key, k -> new ParamGroup(List.of(), prefix == null ? null : lrByPrefix.get(prefix),
                    decay ? weightDecay : 0f));
        });
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("ParamGroups.fromNamed: the prefixes " + unused.stream().sorted().toList()
                    + " name no parameter that requires grad; got names " + abbreviated(named.keySet()));
        }
        List<ParamGroup> groups = new ArrayList<>();
        members.forEach((key, params) -> {
            ParamGroup setting = settings.get(key);
            groups.add(new ParamGroup(params, setting.lr(), setting.weightDecay()));
        });
        return new ParamGroups(groups);
    }

    private static String longestPrefix(String name, Iterable<String> prefixes) {
        String best = null;
        for (String prefix : prefixes) {
            if (name.startsWith(prefix) && (best == null || prefix.length() > best.length())) best = prefix;
        }
        return best;
    }

    private static String abbreviated(java.util.Collection<String> names) {
        List<String> all = List.copyOf(names);
        return all.size() <= 6 ? all.toString()
                : all.subList(0, 6).toString().replace("]", ", ... (" + all.size() + " in all)]");
    }
}
