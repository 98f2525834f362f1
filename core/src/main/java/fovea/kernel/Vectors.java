package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every Vector API loop uses: {@link Simd#requestedBits()} wide when set, else the widest the
 * CPU has. Only touched when {@link Simd#AVAILABLE}. A species wider than the CPU's runs in software (slowly but
 * correctly), which lets one machine test the other widths' paths.
 */
final class Vectors {
    /** The species of every vector loop; a constant, so C2 compiles its operations to instructions. */
    static final VectorSpecies<Float> FLOAT = choose();

    private Vectors() {}

    private static VectorSpecies<Float> choose() {
        int bits = Simd.requestedBits();
        return bits == 0 ? FloatVector.SPECIES_PREFERRED : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /** The widest species this CPU runs in hardware, in bits. */
    static int hardwareBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
