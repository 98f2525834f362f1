package fovea.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The safetensors element types Fovea reads, each with its size and its conversion to float32. The conversions
 * are PyTorch's {@code tensor.float()}: round to nearest for F64, I64, I32 and U64; exact for the rest.
 */
enum Dtype {
    F64(8) {
        @Override float next(ByteBuffer in) { return (float) in.getDouble(); }
    },
    F32(4) {
        @Override float next(ByteBuffer in) { return in.getFloat(); }
    },
    F16(2) {
        @Override float next(ByteBuffer in) { return halfToFloat(in.getShort()); }
    },
    BF16(2) {
        // bfloat16 is the upper half of a float32.
        @Override float next(ByteBuffer in) { return Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16); }
    },
    I64(8) {
        @Override float next(ByteBuffer in) { return in.getLong(); }
    },
    I32(4) {
        @Override float next(ByteBuffer in) { return in.getInt(); }
    },
    I16(2) {
        @Override float next(ByteBuffer in) { return in.getShort(); }
    },
    I8(1) {
        @Override float next(ByteBuffer in) { return in.get(); }
    },
    U64(8) {
        @Override float next(ByteBuffer in) { return unsignedToFloat(in.getLong()); }
    },
    U32(4) {
        @Override float next(ByteBuffer in) { return in.getInt() & 0xFFFFFFFFL; }
    },
    U16(2) {
        @Override float next(ByteBuffer in) { return in.getShort() & 0xFFFF; }
    },
    U8(1) {
        @Override float next(ByteBuffer in) { return in.get() & 0xFF; }
    },
    BOOL(1) {
        // PyTorch stores true as 1; any other nonzero byte reads as true as well, as C's bool conversion does.
        @Override float next(ByteBuffer in) { return in.get() == 0 ? 0f : 1f; }
    };

    private final int size;

    Dtype(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** Reads one element from a little-endian buffer and returns it as a float. */
    abstract float next(ByteBuffer in);

    /** Fills {@code out[from, from + count)} with elements read from a little-endian buffer. */
    void decode(ByteBuffer in, float[] out, int from, int count) {
        if (this == F32) {
            in.asFloatBuffer().get(out, from, count);   // the common case, in bulk
            in.position(in.position() + count * 4);
            return;
        }
        for (int i = from; i < from + count; i++) out[i] = next(in);
    }

    /** The dtype with this safetensors name, or null. */
    static Dtype named(String name) {
        for (Dtype dtype : values()) if (dtype.name().equals(name)) return dtype;
        return null;
    }

    /** The names Fovea reads, for error messages. */
    static String names() {
        return Arrays.stream(values()).map(Dtype::name).collect(Collectors.joining(", "));
    }

    /** IEEE binary16 to float32; every half value, subnormals, infinities and NaN payloads included, is exact. */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;   // zero or subnormal: mantissa * 2^-24, exact in float32
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));   // rebias 15 -> 127
    }

    /** An unsigned 64-bit value rounded to the nearest float; halving with a sticky low bit keeps the rounding exact. */
    static float unsignedToFloat(long value) {
        if (value >= 0) return value;
        return ((value >>> 1) | (value & 1)) * 2f;
    }
}
