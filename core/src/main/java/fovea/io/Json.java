package fovea.io;

import java.io.IOException;

/**
 * JSON (RFC 8259) read into and written from plain Java values: an object is a {@code Map<String, Object>} (insertion
 * ordered), an array a {@code List<Object>}, a number a {@code Double}, and strings, {@code Boolean} and {@code null}
 * as themselves. Parsing is strict (a repeated key, a trailing comma, a lone surrogate or a number out of the range of
 * a double is an error that gives the line and column); writing refuses NaN and the infinities, which JSON cannot
 * hold.
 */
public final class Json {
    // Deep enough for any document people write (Gson's limit); the cap keeps hostile input from exhausting the stack.
    static final int MAX_DEPTH = 255;
    // A safetensors header nests three deep, so a header needs far less.
    static final int HEADER_DEPTH = 64;
    static final String INDENT = "  ";

    private Json() {}

    /** Parses one JSON value filling all of {@code text} (surrounding whitespace allowed); errors start with "json". */
    public static Object parse(String text) {
        return parse(text, "json");
    }

    /**
     * Parses one JSON value filling all of {@code text}; an error is an IllegalArgumentException that starts with
     * {@code source} (a file name, say) and gives the line and column: {@code results.json: not valid JSON at line 3,
     * column 7; got "}", expected a value}.
     */
    public static Object parse(String text, String source) {
        return JsonParser.parse(text, source, false, MAX_DEPTH);
    }

    /**
     * Parses as {@link #parse(String, String)} does, also accepting the number literals {@code NaN}, {@code Infinity}
     * and {@code -Infinity} that Python's {@code json} module writes for non-finite floats (PyTorch's reference files
     * hold {@code -Infinity} in attention masks).
     */
    public static Object parseAllowingNonFinite(String text, String source) {
        return JsonParser.parse(text, source, true, MAX_DEPTH);
    }

    /** {@code value} as compact JSON, with no whitespace; see {@link #writePretty} for the values it takes. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, false).value(value, "$", 0);
        return out.toString();
    }

    /**
     * {@code value} as JSON indented by two spaces, one member or element per line (Gson's pretty layout), with no
     * final newline. Takes null, Boolean, String, the JDK's Number types (a Double or Float must be finite), a Map
     * with String keys (written in its iteration order), a Collection, an Object[] and double[], float[], int[] and
     * long[]; anything else, a non-finite number or an unpaired surrogate is an IllegalArgumentException that gives
     * the path to the value ({@code $.history[2].loss}).
     */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, true).value(value, "$", 0);
        return out.toString();
    }

    /**
     * The parse of a safetensors header: whole numbers become {@code Long} (offsets pass 2^53, and a shape of 2.0 must
     * not pass for 2), other numbers {@code Double}; an error is an IOException that starts with {@code source} and
     * gives the character offset in the header.
     */
    static Object parseHeader(String text, String source) throws IOException {
        try {
            return JsonParser.parse(text, source, false, HEADER_DEPTH, true);
        } catch (JsonParser.HeaderError e) {
            throw new IOException(e.getMessage());
        }
    }

    /** {@code value} as a JSON string literal; control characters, quotes and backslashes escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendQuoted(out, value);
        return out.toString();
    }

    static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // U+2028 and U+2029 are legal in JSON but end a line in JavaScript; escaped, the text embeds anywhere.
                case '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** The index of the first unpaired surrogate in {@code value}, or -1: such a string has no UTF-8 form. */
    static int unpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
