package fovea.kernel;

/**
 * The one check for the Vector API: classes that touch {@code jdk.incubator.vector} are used only when
 * {@link #AVAILABLE} is true, so the library still runs (on scalar loops) when the JVM was started without
 * {@code --add-modules jdk.incubator.vector}. The system property {@code fovea.simd.bits} (128, 256 or 512)
 * chooses the vector width; the default is the widest the CPU has.
 */
public final class Simd {
    /** The system property that chooses the vector width in bits. */
    public static final String BITS_PROPERTY = "fovea.simd.bits";
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

    /**
     * The width {@code -Dfovea.simd.bits} asks for, or 0 for the widest the CPU has.
     *
     * @throws IllegalArgumentException if the property is set to anything but 128, 256 or 512
     */
    public static int requestedBits() {
        String value = System.getProperty(BITS_PROPERTY);
        if (value == null || value.isBlank()) return 0;
        int bits;
        try {
            bits = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException(BITS_PROPERTY + ": expected 128, 256 or 512; got " + value);
        }
        return bits;
    }

    /** The vector width the kernels use, in bits; 0 on the scalar fallback. */
    public static int bits() {
        return AVAILABLE ? Vectors.FLOAT.vectorBitSize() : 0;
    }

    /** The widest vectors this CPU runs in hardware, in bits; 0 on the scalar fallback. */
    public static int hardwareBits() {
        return AVAILABLE ? Vectors.hardwareBits() : 0;
    }

    /**
     * One line naming the vector width and the SGEMM register tile, for benchmark output: for example
     * {@code "512-bit vectors (16 floats), SGEMM tile 8x32"}, with "in software" when wider than the CPU's.
     */
    public static String describe() {
        if (!AVAILABLE) return "scalar loops (no Vector API), SGEMM tile " + SgemmScalar.MR + "x" + SgemmScalar.NR;
        String software = bits() > hardwareBits() ? " in software (the CPU has " + hardwareBits() + ")" : "";
        return bits() + "-bit vectors (" + Vectors.FLOAT.length() + " floats)" + software
                + ", SGEMM tile " + SgemmVector.MR + "x" + SgemmVector.NR;
    }
}
