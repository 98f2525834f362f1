package fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The project's one JSON reader and writer: values, escapes, layout, round trips and errors that give positions. */
class JsonTest {
    @Test void parsesEveryKindOfValue() {
        Object value = Json.parse(" {\"s\": \"text\", \"n\": -12.5e-1, \"i\": 7, \"t\": true, \"f\": false, \"z\": null,"
                + " \"a\": [1, [2, {}], []], \"o\": {\"x\": {\"y\": [0]}}}\n");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "text");
        expected.put("n", -1.25);
        expected.put("i", 7.0);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(1.0, List.of(2.0, Map.of()), List.of()));
        expected.put("o", Map.of("x", Map.of("y", List.of(0.0))));
        assertEquals(expected, value);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) value).keySet()), "members keep their order");
        assertEquals(Double.class, ((Map<?, ?>) value).get("i").getClass(), "every number is a Double");
        assertNull(Json.parse("null"));
        assertEquals("top", Json.parse("\"top\""));
        assertEquals(-0.0, Json.parse("-0"));
        assertEquals(1e308, Json.parse("1E+308"));
        assertEquals(0.0, Json.parse("1e-400"), "underflow rounds to zero, as a double literal does");
    }

    @Test void numbersAreCorrectlyRounded() {
        assertEquals(0.1, Json.parse("0.1"));
        assertEquals(9007199254740993.0, Json.parse("9007199254740993"));   // 2^53 + 1 rounds to even, as Java's literal
        assertEquals(Double.MIN_VALUE, Json.parse("4.9e-324"));
        assertEquals(-2.2250738585072014E-308, Json.parse("-2.2250738585072014E-308"));
    }

    @Test void decodesEveryEscape() {
        assertEquals("\" \\ / \b \f \n \r \t A é €", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u20AC\""));
        assertEquals("😀", Json.parse("\"\\ud83d\\ude00\""), "a surrogate pair escape is one character");
        assertEquals("naïve 日本 😀", Json.parse("\"naïve 日本 😀\""), "raw Unicode passes through");
    }

    @Test void syntaxErrorsGiveLineColumnWhatCameAndWhatWasExpected() {
        assertError("{\n  \"a\": 1,\n  \"b\": ]\n}", "json: not valid JSON at line 3, column 8; got \"]\\n}\", expected a value");
        assertError("[1, 2", "json: not valid JSON at line 1, column 6; got the end of the input, expected ']'");
        assertError("[1, 2,]", "at line 1, column 7; got \"]\", expected a value");
        assertError("{\"a\": 1,}", "at line 1, column 9; got \"}\", expected a quoted key");
        assertError("{\"a\" 1}", "at line 1, column 6; got \"1}\", expected ':'");
        assertError("{'a': 1}", "expected a quoted key");
        assertError("01", "at line 1, column 2; got \"1\", expected the end of the input");
        assertError("1.", "expected a digit after the decimal point");
        assertError("1e", "expected a digit in the exponent");
        assertError("-", "expected a digit");
        assertError(".5", "at line 1, column 1; got \".5\", expected a value");
        assertError("\"open", "expected a closing quote");
        assertError("\"tab\there\"", "at line 1, column 5; got \"\\there\\\"\", expected no raw control characters inside a string");
        assertError("\"\\x\"", "expected one of the escapes");
        assertError("\"\\u12G4\"", "expected four hex digits after \\u");
        assertError("\"\\ud800\"", "at line 1, column 1; got \"\\\"\\\\ud800\\\"\", expected a string without unpaired surrogate escapes");
        assertError("\"\\ude00\\ud83d\"", "unpaired surrogate");
        assertError("tru", "expected a value");
        assertError("1e400", "at line 1, column 1; got \"1e400\", expected a number within the range of a double");
        assertError("NaN", "got \"NaN\", expected a value (NaN and Infinity are not JSON)");
        assertError("[-Infinity]", "expected a digit");
        assertError("", "at line 1, column 1; got the end of the input, expected a value");
        assertError("{} {}", "expected the end of the input");
        assertError("\u00a0[]", "expected a value");   // only JSON's four whitespace characters separate tokens
    }

    @Test void aRepeatedKeyIsAnErrorAtTheSecondOne() {
        assertError("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}",
                "json: duplicate key \"a\" at line 3, column 2; got it a second time, expected each key once");
    }

    @Test void errorsStartWithTheSource() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"epoch\": }", "results.json"));
        assertEquals("results.json: not valid JSON at line 1, column 11; got \"}\", expected a value", error.getMessage());
    }

    @Test void nestingIsCapped() {
        assertEquals(1, ((List<?>) Json.parse("[".repeat(255) + "]".repeat(255))).size());
        assertError("[".repeat(300) + "]".repeat(300), "expected at most 255 levels of nesting");
    }

    @Test void nonFiniteLiteralsOnlyWhenAsked() {
        assertEquals(List.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, -1.5),
                Json.parseAllowingNonFinite("[-Infinity, Infinity, NaN, -1.5]", "vision.json"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Json.parseAllowingNonFinite("[-Inf]", "vision.json"));
        assertTrue(error.getMessage().startsWith("vision.json: not valid JSON at line 1, column 3; got \"Inf]\", expected a digit"), error.getMessage());
    }

    @Test void writesCompactAndPretty() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("model", "mlp");
        value.put("epochs", 3);
        value.put("loss", 0.25);
        value.put("seconds", List.of(1.5, 2.0));
        value.put("none", null);
        value.put("empty", List.of());
        value.put("nested", Map.of("ok", true));
        value.put("nothing", Map.of());
        assertEquals("{\"model\":\"mlp\",\"epochs\":3,\"loss\":0.25,\"seconds\":[1.5,2.0],\"none\":null,\"empty\":[],"
                + "\"nested\":{\"ok\":true},\"nothing\":{}}", Json.write(value));
        assertEquals("""
                {
                  "model": "mlp",
                  "epochs": 3,
                  "loss": 0.25,
                  "seconds": [
                    1.5,
                    2.0
                  ],
                  "none": null,
                  "empty": [],
                  "nested": {
                    "ok": true
                  },
                  "nothing": {}
                }""", Json.writePretty(value));
        assertEquals("[]", Json.writePretty(List.of()));
        assertEquals("\"x\"", Json.writePretty("x"));
    }

    @Test void writesNumbersAsJavaPrintsThem() {
        assertEquals("[0.1,1.0E-5,-0.0,1.0E300,9223372036854775807,-7,3,12,123456789012345678901234567890,1.50]",
                Json.write(List.of(0.1f, 1e-5, -0.0, 1e300, Long.MAX_VALUE, (short) -7, (byte) 3, 12,
                        new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"))));
        assertEquals("[1.5,2.5]", Json.write(new double[] {1.5, 2.5}));
        assertEquals("[0.1]", Json.write(new float[] {0.1f}), "a float is written as its own shortest decimal");
        assertEquals("[1,2]", Json.write(new int[] {1, 2}));
        assertEquals("[3]", Json.write(new long[] {3}));
        assertEquals("[\"a\",null]", Json.write(new Object[] {"a", null}));
    }

    @Test void escapesWhatJsonRequires() {
        assertEquals("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u001f / é 😀 \\u2028\"",
                Json.write("q\" b\\ \b\f\n\r\t \u0000\u001f / é 😀 \u2028"));
    }

    @Test void writeRefusesWhatJsonCannotHold() {
        Map<String, Object> history = new LinkedHashMap<>();
        List<Object> epochs = new ArrayList<>();
        epochs.add(Map.of("loss", 1.0));
        epochs.add(Map.of("loss", Double.NaN));
        history.put("epochs", epochs);
        assertWriteError(history, "json.write: the number at $.epochs[1].loss is not finite; got NaN, expected a finite "
                + "number (write null where there is no value)");
        assertWriteError(List.of(Float.POSITIVE_INFINITY), "the number at $[0] is not finite; got Infinity");
        assertWriteError(Map.of(1, "one"), "json.write: an object key at $ is not a string; got 1, expected String keys");
        assertWriteError(List.of(new StringBuilder("x")), "no JSON form for the value at $[0]; got a java.lang.StringBuilder");
        assertWriteError(List.of(new java.util.concurrent.atomic.AtomicInteger(1)), "no JSON form for the number at $[0]");
        assertWriteError(Map.of("name", "a\uD800b"), "the string at $.name is not valid Unicode; got an unpaired surrogate at index 1");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertWriteError(loop, "nesting too deep");
    }

    @Test void randomDocumentsRoundTripThroughBothLayouts() {
        SplittableRandom random = new SplittableRandom(20261124);
        for (int i = 0; i < 300; i++) {
            Object value = randomValue(random, 0);
            assertEquals(value, Json.parse(Json.write(value)), Json.write(value));
            assertEquals(value, Json.parse(Json.writePretty(value)));
        }
    }

    @Test void everyDoubleRoundTripsExactly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) continue;
            Object back = Json.parse(Json.write(List.of(value)));
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits((Double) ((List<?>) back).get(0)),
                    () -> Double.toString(value));
        }
    }

    private static Object randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextInt(3) == 0 ? (double) random.nextInt(-1000, 1000) : random.nextDouble(-1e6, 1e6);
            case 3: return randomString(random);
            case 4: return Math.scalb(random.nextDouble(), random.nextInt(-1000, 1000));
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) list.add(randomValue(random, depth + 1));
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) map.put(randomString(random), randomValue(random, depth + 1));
                return map;
            }
        }
    }

    /** Strings drawn from quotes, backslashes, control characters, non-ASCII and astral characters. */
    private static String randomString(SplittableRandom random) {
        String[] pieces = {"a", "Z", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", " ", "é", "日", "😀", "\u2028", "{", "]"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) text.append(pieces[random.nextInt(pieces.length)]);
        return text.toString();
    }

    private static void assertError(String text, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Json.parse(text),
                () -> "parsing " + text);
        assertTrue(error.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + error.getMessage());
        assertTrue(error.getMessage().startsWith("json: "), error.getMessage());
    }

    private static void assertWriteError(Object value, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Json.write(value));
        assertTrue(error.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + error.getMessage());
        assertEquals(error.getMessage(), assertThrows(IllegalArgumentException.class, () -> Json.writePretty(value)).getMessage());
    }

    @Test void arraysOfBoxedValuesAndListsWriteAlike() {
        assertEquals(Json.write(Arrays.asList(1.5, null)), Json.write(new Object[] {1.5, null}));
    }
}
