package fovea.tensor;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose whole state can be read and restored, as torch.Generator's get_state and
 * set_state: what a checkpoint saves so that resumed training draws the same numbers as an uninterrupted run.
 * The algorithm is xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
 */
public final class Generator implements RandomGenerator, Stateful {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator started from {@code seed}; the same seed gives the same sequence. */
    public Generator(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** The four state words; {@link #setState} with them continues the sequence exactly from here. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** Restores a state from {@link #state()}. */
    public void setState(long[] state) {
        if (state.length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("Generator.setState: expected 4 words, not all zero; got "
                    + java.util.Arrays.toString(state));
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    /** The state words under "state", as [4, 4] 16-bit pieces: exact, and a checkpoint's named tensors. */
    @Override public java.util.Map<String, Tensor> stateDict() {
        return java.util.Map.of("state", Stateful.words(state()));
    }

    /** Restores a {@link #stateDict()}: the sequence continues exactly from where it was saved. */
    @Override public void loadStateDict(java.util.Map<String, Tensor> saved) {
        Stateful.check("Generator", Stateful.problems(stateDict(), saved));
        setState(Stateful.longs("Generator", saved.get("state")));
    }
}
