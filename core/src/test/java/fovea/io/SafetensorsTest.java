package fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Shape;
import fovea.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, the exact bytes Fovea writes, and the conversion of every dtype it reads. */
class SafetensorsTest {
    @TempDir Path folder;

    @Test void roundTripKeepsValuesShapesOrderAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layers.1.weight", Tensor.randn(new Generator(1), 3, 4, 5));
        tensors.put("layers.0.bias", Tensor.of(new float[] {Float.NaN, -0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE}));
        tensors.put("scalar", Tensor.scalar(-7.5f));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("also empty", Tensor.zeros(2, 0, 4));
        tensors.put("ünïcødé \"quoted\" \\ \n", Tensor.ones(1));
        tensors.put("big", Tensor.rand(new Generator(2), 70_000, 2));   // more than one copy chunk
        Map<String, String> metadata = Map.of("format", "pt", "epoch", "3", "note", "naïve \"json\"\t{}");
        Path path = folder.resolve("model.safetensors");
        Safetensors.write(path, tensors, metadata);

        Safetensors.Contents contents = Safetensors.read(path);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(contents.tensors().keySet()));
        tensors.forEach((name, tensor) -> {
            Tensor read = contents.tensors().get(name);
            assertEquals(tensor.shape(), read.shape(), name);
            assertArrayEquals(bits(tensor), bits(read), name);
        });
        assertEquals(Shape.scalar(), contents.tensors().get("scalar").shape());
        assertEquals(metadata, contents.metadata());
    }

    @Test void bytesAndStreamsHoldExactlyTheFilesBytes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv.weight", Tensor.randn(new Generator(3), 4, 3, 3, 3));
        tensors.put("big", Tensor.rand(new Generator(4), 70_000, 2));   // more than one copy chunk
        tensors.put("empty", Tensor.zeros(0));
        tensors.put("scalar", Tensor.scalar(Float.NaN));
        Map<String, String> metadata = Map.of("sent to", "worker 3", "note", "ünïcødé \"quoted\"");
        Path path = folder.resolve("model.safetensors");
        Safetensors.write(path, tensors, metadata);
        byte[] file = Files.readAllBytes(path);

        assertArrayEquals(file, Safetensors.toBytes(tensors, metadata));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, tensors, metadata);
        assertArrayEquals(file, out.toByteArray());

        for (Safetensors.Contents contents : List.of(Safetensors.read(file), Safetensors.read(Crafted.trickle(file)),
                Safetensors.read(new ByteArrayInputStream(file), "worker 3"))) {
            assertEquals(List.copyOf(tensors.keySet()), List.copyOf(contents.tensors().keySet()));
            tensors.forEach((name, tensor) -> {
                assertEquals(tensor.shape(), contents.tensors().get(name).shape(), name);
                assertArrayEquals(bits(tensor), bits(contents.tensors().get(name)), name);
            });
            assertEquals(metadata, contents.metadata());
        }
    }

    @Test void readingAStreamReadsItToTheEndAndLeavesItOpen() throws IOException {
        byte[] content = Safetensors.toBytes(Map.of("x", Tensor.of(new float[] {1f, 2f})), Map.of());
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(content) {
            @Override public void close() {
                closed[0] = true;
            }
        };
        assertArrayEquals(new float[] {1f, 2f}, Safetensors.read(in).tensors().get("x").toArray());
        assertEquals(0, in.available(), "read to the end");
        assertEquals(false, closed[0], "left open");
    }

    @Test void writingToAStreamChecksEverythingBeforeTheFirstByte() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("fine", Tensor.ones(3));
        tensors.put("__metadata__", Tensor.ones(1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(out, tensors, Map.of()));
        assertTrue(error.getMessage().startsWith("safetensors.write: bad tensor entry; got __metadata__ = [1]"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(out, Map.of("\uDC00", Tensor.ones(1)), Map.of()));
        assertEquals(0, out.size());
        error = assertThrows(IllegalArgumentException.class, () -> Safetensors.toBytes(Map.of(), Map.of("k", "\uD800")));
        assertTrue(error.getMessage().startsWith("safetensors.toBytes: a tensor name or metadata string is not valid Unicode"),
                error.getMessage());
    }

    @Test void noTensorsAndNoMetadata() throws IOException {
        Path path = folder.resolve("empty.safetensors");
        Safetensors.write(path, Map.of());
        assertArrayEquals(new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '}, Files.readAllBytes(path));
        Safetensors.Contents contents = Safetensors.read(path);
        assertEquals(Map.of(), contents.tensors());
        assertEquals(Map.of(), contents.metadata());
    }

    @Test void writesTheExactBytesTheFormatDescribes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new float[] {1f, -2f}, 2, 1));
        tensors.put("a", Tensor.scalar(0.5f));
        Path path = folder.resolve("two.safetensors");
        Safetensors.write(path, tensors, Map.of("k", "v"));

        String json = "{\"__metadata__\":{\"k\":\"v\"},\"b\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        byte[] expected = ByteBuffer.allocate(8 + padded.length() + 12).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII))
                .putFloat(1f).putFloat(-2f).putFloat(0.5f).array();
        assertArrayEquals(expected, Files.readAllBytes(path));
        assertEquals(0, padded.length() % 8, "the buffer starts 8-byte aligned");
    }

    @Test void writingReplacesAnExistingFile() throws IOException {
        Path path = folder.resolve("weights.safetensors");
        Safetensors.write(path, Map.of("old", Tensor.ones(100)));
        Safetensors.write(path, Map.of("new", Tensor.zeros(2)));
        assertEquals(List.of("new"), List.copyOf(Safetensors.read(path).tensors().keySet()));
        assertEquals(List.of(path), Files.list(folder).toList(), "no temporary file left behind");
    }

    @Test void rejectsBadArgumentsBeforeTouchingTheFile() throws IOException {
        Path path = folder.resolve("weights.safetensors");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(path, Map.of("__metadata__", Tensor.ones(1))));
        assertTrue(error.getMessage().startsWith("safetensors.write: "), error.getMessage());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("key", null);
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(path, Map.of(), metadata));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(path, Map.of("\uD800", Tensor.ones(1))));
        assertEquals(List.of(), Files.list(folder).toList());
    }

    @Test void convertsEveryDtypeToFloat32() throws IOException {
        assertReads("F32", 4, b -> b.putFloat(1.5f).putFloat(-0f), 1.5f, -0f);
        assertReads("F64", 8, b -> b.putDouble(0.1).putDouble(1e300).putDouble(-1e-300),
                0.1f, Float.POSITIVE_INFINITY, -0f);
        assertReads("F16", 2, b -> b.putShort((short) 0x3C00).putShort((short) 0xC100).putShort((short) 0x7BFF)
                .putShort((short) 0x0001).putShort((short) 0x8000).putShort((short) 0xFC00),
                1f, -2.5f, 65504f, 0x1p-24f, -0f, Float.NEGATIVE_INFINITY);
        assertReads("BF16", 2, b -> b.putShort((short) 0x3F80).putShort((short) 0xC049).putShort((short) 0x7F80),
                1f, -3.140625f, Float.POSITIVE_INFINITY);
        assertReads("I64", 8, b -> b.putLong(-3).putLong(16_777_217).putLong(Long.MAX_VALUE),
                -3f, 16_777_216f, 0x1p63f);
        assertReads("I32", 4, b -> b.putInt(Integer.MIN_VALUE).putInt(7), -0x1p31f, 7f);
        assertReads("I16", 2, b -> b.putShort(Short.MIN_VALUE).putShort((short) 300), -32768f, 300f);
        assertReads("I8", 1, b -> b.put((byte) -128).put((byte) 127), -128f, 127f);
        assertReads("U64", 8, b -> b.putLong(-1L).putLong(5), 0x1p64f, 5f);
        assertReads("U32", 4, b -> b.putInt(-1).putInt(9), 4_294_967_296f, 9f);
        assertReads("U16", 2, b -> b.putShort((short) -1).putShort((short) 2), 65535f, 2f);
        assertReads("U8", 1, b -> b.put((byte) 255).put((byte) 0), 255f, 0f);
        assertReads("BOOL", 1, b -> b.put((byte) 1).put((byte) 0).put((byte) 2), 1f, 0f, 1f);
    }

    @Test void halfPrecisionConvertsExactlyForAllBitPatterns() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            int sign = bits >>> 15;
            int exponent = (bits >>> 10) & 0x1F;
            int mantissa = bits & 0x3FF;
            float actual = Dtype.halfToFloat((short) bits);
            if (exponent == 0x1F && mantissa != 0) {
                assertTrue(Float.isNaN(actual), "NaN stays NaN");
                continue;
            }
            // IEEE binary16 by its definition, in double arithmetic: independent of the bit shuffling under test.
            double magnitude = exponent == 0x1F ? Double.POSITIVE_INFINITY
                    : exponent == 0 ? mantissa * Math.pow(2, -24) : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            float expected = (float) (sign == 1 ? -magnitude : magnitude);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), "half 0x" + Integer.toHexString(bits));
        }
    }

    @Test void unsignedLongRoundsToNearest() {
        assertEquals(new java.math.BigDecimal("18446744073709551615").floatValue(), Dtype.unsignedToFloat(-1L));
        long justAboveHalfway = (1L << 63) + (1L << 39) + 1;   // rounds up only if the sticky bit survives halving
        assertEquals(new java.math.BigDecimal(Long.toUnsignedString(justAboveHalfway)).floatValue(),
                Dtype.unsignedToFloat(justAboveHalfway));
    }

    private void assertReads(String dtype, int size, java.util.function.Consumer<ByteBuffer> fill, float... expected)
            throws IOException {
        String header = "{\"x\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + expected.length + "],\"data_offsets\":[0,"
                + expected.length * size + "]}}";
        Path path = Crafted.file(folder, header, Crafted.littleEndian(expected.length * size, fill));
        Tensor x = Safetensors.read(path).tensors().get("x");
        assertEquals(Shape.of(expected.length), x.shape(), dtype);
        assertArrayEquals(expected, x.toArray(), dtype);
    }

    private static int[] bits(Tensor tensor) {
        float[] values = tensor.toArray();
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
        return bits;
    }
}
