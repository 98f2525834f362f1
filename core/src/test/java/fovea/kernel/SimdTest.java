package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class SimdTest {
    @Test void usesTheRequestedWidthOrTheWidestTheCpuHas() {
        assumeTrue(Simd.AVAILABLE, "the Vector API module is not in the boot layer");
        int requested = Simd.requestedBits();
        assertEquals(requested == 0 ? Simd.hardwareBits() : requested, Simd.bits(), Simd.describe());
        assertEquals(Simd.bits() / Float.SIZE, SgemmVector.VL);
        assertEquals(2 * SgemmVector.VL, SgemmVector.NR);
        assertTrue(Simd.describe().startsWith(Simd.bits() + "-bit vectors"), Simd.describe());
    }

    @Test void rejectsAWidthThatIsNotAVectorShape() {
        String saved = System.getProperty(Simd.BITS_PROPERTY);
        try {
            System.setProperty(Simd.BITS_PROPERTY, "1024");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Simd::requestedBits);
            assertEquals("fovea.simd.bits: expected 128, 256 or 512; got 1024", e.getMessage());
            System.setProperty(Simd.BITS_PROPERTY, "wide");
            assertThrows(IllegalArgumentException.class, Simd::requestedBits);
            System.setProperty(Simd.BITS_PROPERTY, "256");
            assertEquals(256, Simd.requestedBits());
        } finally {
            if (saved == null) System.clearProperty(Simd.BITS_PROPERTY);
            else System.setProperty(Simd.BITS_PROPERTY, saved);
        }
    }
}
