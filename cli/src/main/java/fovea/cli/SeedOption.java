package fovea.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: the seed of a command's random generators, 42 unless given; the same seed gives the same run. */
public final class SeedOption {
    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
    private long seed;

    /** The seed given, or 42. */
    public long value() {
        return seed;
    }
}
