package fovea.kernel;

/**
 * The one check for the Vector API: classes that touch {@code jdk.incubator.vector} are used only when
 * {@link #AVAILABLE} is true, so the library still runs (on scalar loops) when the JVM was started without
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class Simd {
    /** True when the incubating Vector API module is in the boot layer and may be used. */
    public static final boolean AVAILABLE = detect();

    private Simd() {}

    private static boolean detect() {
        if (Boolean.getBoolean("fovea.scalar")) return false;   // a switch for testing the fallback
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            System.err.println("fovea: the Vector API (jdk.incubator.vector) is not available; using scalar loops, "
                    + "which are several times slower. Start Java with --add-modules jdk.incubator.vector.");
        }
        return present;
    }
}
