package fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a safetensors file can be broken gives one IOException that names the file and the problem. */
class SafetensorsMalformedTest {
    private static final String TWO_FLOATS = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir Path folder;

    @Test void truncatedHeaderLength() throws IOException {
        assertError(new byte[] {16, 0, 0}, "too short to hold the header length; got 3 bytes");
    }

    @Test void headerLengthOverTheLimit() throws IOException {
        assertError(lengthOnly(200_000_000L), "over the limit; got 200000000 bytes, expected at most 100000000");
        assertError(lengthOnly(-1L), "got 18446744073709551615 bytes");
    }

    @Test void headerLengthBeyondTheFile() throws IOException {
        byte[] content = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array();
        assertError(content, "header length runs past the end of the file; got 100 bytes, expected at most 12 "
                + "(the file has 20 bytes)");
    }

    @Test void endsInsideALargeTensor() throws IOException {
        // 100000 floats span two copy chunks; the bytes stop in the second
        String entry = "{\"dtype\":\"F32\",\"shape\":[100000],\"data_offsets\":[0,400000]}";
        assertError(tensor(entry, 300_000), "has data_offsets past the end of the buffer; got [0, 400000], expected end <= 300000");
        assertError(tensor(entry, 400_001), "bytes [400000, 400001) at the end of the buffer belong to no tensor");
    }

    @Test void aStreamThatClaimsHugeTensorsCostsOnlyWhatArrives() {
        // 2e9 bytes of U8 claimed and 1000 sent: a reader that allocated the claim (8 GB of floats) would run out of
        // memory instead of reporting the short stream
        String entry = "{\"dtype\":\"U8\",\"shape\":[2000000000],\"data_offsets\":[0,2000000000]}";
        IOException error = assertThrows(IOException.class, () -> Safetensors.read(Crafted.trickle(tensor(entry, 1000))));
        assertMessage(error, "safetensors: stream: ", "has data_offsets past the end of the buffer; got [0, 2000000000], "
                + "expected end <= 1000");
    }

    @Test void headerNotJson() throws IOException {
        assertError(header("{\"x\": "), "header is not valid JSON at character 6; got the end of the header, expected a value");
        assertError(header("not json"), "header is not valid JSON at character 0");
        assertError(header("{} trailing"), "expected the end of the header");
        assertError(header("{'x': 1}"), "expected a quoted key");
        assertError(header("{\"x\":01}"), "header is not valid JSON");
        assertError(header("{\"x\":\"\\q\"}"), "header is not valid JSON");
        assertError(header("{\"x\":\"\\uD800\"}"), "unpaired surrogate");
        assertError(header("[".repeat(100) + "]".repeat(100)), "levels of nesting");
        assertError(header("[1, 2]"), "header is not a JSON object; got [1, 2]");
        assertError(Crafted.content("", new byte[0]), "header is not valid JSON");
    }

    @Test void headerNotUtf8() throws IOException {
        byte[] content = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(4)
                .put(new byte[] {'{', (byte) 0xFF, '}', ' '}).array();
        assertError(content, "header is not valid UTF-8; got a bad byte at header byte 1");
    }

    @Test void unknownOrMissingFields() throws IOException {
        assertError(tensor("{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}", 2),
                "tensor \"x\" has an unsupported dtype; got \"F8_E4M3\", expected one of F64, F32, F16, BF16, I64");
        assertError(tensor("{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}", 8), "unsupported dtype; got 4");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[2]}", 8), "tensor \"x\" has no data_offsets");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"pad\":0}", 8),
                "tensor \"x\" has an unknown key; got \"pad\"");
        assertError(tensor("[1]", 0), "tensor \"x\" is not an object; got [1]");
        assertError(header("{\"__metadata__\":{\"epoch\":3}}"), "__metadata__ value of \"epoch\" is not a string; got 3");
        assertError(header("{\"__metadata__\":[]}"), "__metadata__ is not an object");
    }

    @Test void badShapes() throws IOException {
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}", 8), "has a bad shape; got [-2]");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}", 8), "has a bad shape; got [2.0]");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}", 8), "has a bad shape; got \"2\"");
        assertError(tensor("{\"dtype\":\"U8\",\"shape\":[100000,100000],\"data_offsets\":[0,8]}", 8),
                "too large for a Fovea tensor; got shape [100000, 100000]");
    }

    @Test void wrongByteSize() throws IOException {
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}", 8),
                "tensor \"x\" has the wrong number of bytes; got data_offsets [0, 8] spanning 8 bytes, expected 12 for F32 [3]");
        assertError(tensor("{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,4]}", 4), "expected 8 for F64 []");
    }

    @Test void offsetsOutOfRange() throws IOException {
        assertError(tensor(TWO_FLOATS, 4), "has data_offsets past the end of the buffer; got [0, 8], expected end <= 4");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}", 8),
                "has bad data_offsets; got [8, 0], expected [begin, end] with 0 <= begin <= end");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,16]}", 8), "has bad data_offsets");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[-4,-4]}", 0), "has bad data_offsets");
    }

    @Test void overlappingTensors() throws IOException {
        String json = "{\"a\":" + TWO_FLOATS + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertError(Crafted.content(json, new byte[12]),
                "tensors \"a\" [0, 8) and \"b\" [4, 12) overlap; got \"b\" starting at 4, expected 8");
        String twice = "{\"a\":" + TWO_FLOATS + ",\"b\":" + TWO_FLOATS + "}";
        assertError(Crafted.content(twice, new byte[8]), "overlap");
    }

    @Test void duplicateNames() throws IOException {
        String json = "{\"a\":" + TWO_FLOATS + ",\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        assertError(Crafted.content(json, new byte[16]), "duplicate key \"a\" at character 54 of the header; expected each key once");
    }

    @Test void holesInTheBuffer() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertError(Crafted.content(json, new byte[12]),
                "bytes [4, 8) of the buffer belong to no tensor (a hole); got \"b\" starting at 8, expected 4");
        assertError(tensor(TWO_FLOATS, 12), "bytes [8, 12) at the end of the buffer belong to no tensor; got 12 bytes after the header, expected 8");
        assertError(tensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}", 8), "bytes [0, 4) of the buffer belong to no tensor");
    }

    @Test void aMissingFileSaysWhich() {
        Path missing = folder.resolve("missing.safetensors");
        IOException error = assertThrows(IOException.class, () -> Safetensors.read(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    private static byte[] header(String json) {
        return Crafted.content(json, new byte[0]);
    }

    private static byte[] tensor(String entry, int bufferBytes) {
        return Crafted.content("{\"x\":" + entry + "}", new byte[bufferBytes]);
    }

    private static byte[] lengthOnly(long headerBytes) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes).array();
    }

    /**
     * The same bytes read as a file, as an array and as a stream that trickles in (read to its end) give one one-line
     * IOException each, naming the source and holding {@code expected}; "the file" in it reads "the input" for an
     * array and "the stream" for a stream.
     */
    private void assertError(byte[] content, String expected) throws IOException {
        Path path = Crafted.bytes(folder, content);
        assertMessage(assertThrows(IOException.class, () -> Safetensors.read(path)), "safetensors: " + path + ": ", expected);
        assertMessage(assertThrows(IOException.class, () -> Safetensors.read(content)), "safetensors: bytes: ",
                expected.replace("the file", "the input"));
        InputStream stream = Crafted.trickle(content);
        assertMessage(assertThrows(IOException.class, () -> Safetensors.read(stream, "worker 3")), "safetensors: worker 3: ",
                expected.replace("the file", "the stream"));
    }

    private static void assertMessage(IOException error, String prefix, String expected) {
        assertTrue(error.getMessage().startsWith(prefix), () -> "expected \"" + prefix + "\" at the start of: " + error.getMessage());
        assertTrue(error.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), "one line");
    }
}
