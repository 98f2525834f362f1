package fovea.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anything whose state a checkpoint saves and restores: modules, optimizers, schedules, random generators, replay
 * buffers. The state is a map of named tensors, as PyTorch's {@code state_dict()}; restoring is strict: a missing
 * or unexpected key or a wrong shape fails with every problem listed, and nothing changes unless all fit. Saving and
 * then restoring into an equal object continues its computation bit for bit.
 *
 * <p>Whole numbers beyond a float's 24 bits (a generator's 64-bit state words) travel exactly through
 * {@link #words} and {@link #longs}.
 */
public interface Stateful {
    /** The state under its keys; the tensors may be the live ones (a module's parameters) or copies. */
    Map<String, Tensor> stateDict();

    /** Restores a state from {@link #stateDict()}, strictly; throws IllegalArgumentException listing every problem. */
    void loadStateDict(Map<String, Tensor> state);

    /**
     * The problems of loading {@code given} into an object whose state is {@code own}: missing and unexpected keys and
     * shape mismatches, in the words {@code loadStateDict} errors use; empty when it fits.
     */
    static List<String> problems(Map<String, Tensor> own, Map<String, Tensor> given) {
        List<String> problems = new ArrayList<>();
        for (String key : own.keySet()) if (!given.containsKey(key)) problems.add("missing: " + key);
        for (String key : given.keySet()) if (!own.containsKey(key)) problems.add("unexpected: " + key);
        for (var entry : own.entrySet()) {
            Tensor tensor = given.get(entry.getKey());
            if (tensor != null && !tensor.shape().equals(entry.getValue().shape())) {
                problems.add("shape: " + entry.getKey() + " is " + entry.getValue().shape() + " here, " + tensor.shape()
                        + " in the state given");
            }
        }
        return problems;
    }

    /** Throws the one error for {@code problems} of loading into {@code owner}, if there are any. */
    static void check(String owner, List<String> problems) {
        if (problems.isEmpty()) return;
        throw new IllegalArgumentException("loadStateDict(" + owner + "): " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "\n  " + String.join("\n  ", problems));
    }

    /** 64-bit words as a [n, 4] tensor of 16-bit pieces, each exact in a float. */
    static Tensor words(long... values) {
        float[] pieces = new float[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            for (int p = 0; p < 4; p++) pieces[i * 4 + p] = (values[i] >>> (16 * p)) & 0xFFFF;
        }
        return Tensor.of(pieces, values.length, 4);
    }

    /** The words of a {@link #words} tensor; a piece that is not a whole number in [0, 65535] is an error. */
    static long[] longs(String owner, Tensor words) {
        if (words.rank() != 2 || words.size(1) != 4) {
            throw new IllegalArgumentException(owner + ": expected 64-bit words as [n, 4]; got " + words.shape());
        }
        float[] pieces = words.toArray();
        long[] values = new long[words.size(0)];
        for (int i = 0; i < pieces.length; i++) {
            float piece = pieces[i];
            if (!(piece >= 0 && piece <= 0xFFFF && piece == Math.rint(piece))) {
                throw new IllegalArgumentException(owner + ": a 16-bit piece of a word must be a whole number in "
                        + "[0, 65535]; got " + piece);
            }
            values[i / 4] |= ((long) piece) << (16 * (i % 4));
        }
        return values;
    }
}
