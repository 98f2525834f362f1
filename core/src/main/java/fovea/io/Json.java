package fovea.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON (RFC 8259) read into and written from plain Java values: an object is a {@code Map<String, Object>} (insertion
 * ordered), an array a {@code List<Object>}, a number a {@code Double}, and strings, {@code Boolean} and {@code null}
 * as themselves. Parsing is strict (a repeated key, a trailing comma, a lone surrogate or a number out of the range of
 * a double is an error that gives the line and column); writing refuses NaN and the infinities, which JSON cannot
 * hold.
 */
public final class Json {
    // Deep enough for any document people write (Gson's limit); the cap keeps hostile input from exhausting the stack.
    private static final int MAX_DEPTH = 255;
    // A safetensors header nests three deep, so a header needs far less.
    private static final int HEADER_DEPTH = 64;
    private static final String INDENT = "  ";

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
        return Parser.parse(text, source, false, MAX_DEPTH);
    }

    /**
     * Parses as {@link #parse(String, String)} does, also accepting the number literals {@code NaN}, {@code Infinity}
     * and {@code -Infinity} that Python's {@code json} module writes for non-finite floats (PyTorch's reference files
     * hold {@code -Infinity} in attention masks).
     */
    public static Object parseAllowingNonFinite(String text, String source) {
        return Parser.parse(text, source, true, MAX_DEPTH);
    }

    /** {@code value} as compact JSON, with no whitespace; see {@link #writePretty} for the values it takes. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, false).value(value, "$", 0);
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
        new Writer(out, true).value(value, "$", 0);
        return out.toString();
    }

    /**
     * The parse of a safetensors header: whole numbers become {@code Long} (offsets pass 2^53, and a shape of 2.0 must
     * not pass for 2), other numbers {@code Double}; an error is an IOException that starts with {@code source} and
     * gives the character offset in the header.
     */
    static Object parseHeader(String text, String source) throws IOException {
        try {
            return Parser.parse(text, source, false, HEADER_DEPTH, true);
        } catch (HeaderError e) {
            throw new IOException(e.getMessage());
        }
    }

    /** {@code value} as a JSON string literal; control characters, quotes and backslashes escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendQuoted(out, value);
        return out.toString();
    }

    private static void appendQuoted(StringBuilder out, String value) {
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
    private static int unpairedSurrogate(String value) {
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

    /** A header's parse error, turned into an IOException by {@link #parseHeader}. */
    private static final class HeaderError extends IllegalArgumentException {
        HeaderError(String message) {
            super(message);
        }
    }

    /** A recursive-descent reader over one text. */
    private static final class Parser {
        private final String text;
        private final String source;
        private final boolean nonFinite;
        private final int maxDepth;
        private final boolean header;
        private int position;

        private Parser(String text, String source, boolean nonFinite, int maxDepth, boolean header) {
            this.text = text;
            this.source = source;
            this.nonFinite = nonFinite;
            this.maxDepth = maxDepth;
            this.header = header;
        }

        static Object parse(String text, String source, boolean nonFinite, int maxDepth) {
            return parse(text, source, nonFinite, maxDepth, false);
        }

        static Object parse(String text, String source, boolean nonFinite, int maxDepth, boolean header) {
            Parser parser = new Parser(text, source, nonFinite, maxDepth, header);
            Object value = parser.value(0);
            parser.skipSpace();
            if (parser.position != text.length()) throw parser.error(parser.end());
            return value;
        }

        private Object value(int depth) {
            if (depth > maxDepth) throw error("at most " + maxDepth + " levels of nesting");
            skipSpace();
            if (position >= text.length()) throw error("a value");
            char c = text.charAt(position);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                case 'N' -> nonFiniteLiteral("NaN", Double.NaN);
                case 'I' -> nonFiniteLiteral("Infinity", Double.POSITIVE_INFINITY);
                default -> {
                    if (c == '-' && nonFinite && text.startsWith("-Infinity", position)) {
                        yield nonFiniteLiteral("-Infinity", Double.NEGATIVE_INFINITY);
                    }
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw error("a value");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            position++;
            Map<String, Object> members = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                position++;
                return members;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("a quoted key");
                int keyAt = position;
                String key = string();
                skipSpace();
                expect(':');
                Object value = value(depth + 1);
                if (members.containsKey(key)) throw duplicate(key, keyAt);
                members.put(key, value);
                skipSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect('}');
                    return members;
                }
            }
        }

        private List<Object> array(int depth) {
            position++;
            List<Object> items = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                position++;
                return items;
            }
            while (true) {
                items.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect(']');
                    return items;
                }
            }
        }

        private String string() {
            int start = position++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (position >= text.length()) throw error("a closing quote");
                char c = text.charAt(position++);
                if (c == '"') break;
                if (c < 0x20) {
                    position--;
                    throw error("no raw control characters inside a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escape = position < text.length() ? text.charAt(position++) : '\0';
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(unicodeEscape());
                    default -> {
                        position--;
                        throw error("one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                    }
                }
            }
            String value = out.toString();
            // Only an escape can make a lone surrogate, and no UTF-8 text can hold one.
            if (unpairedSurrogate(value) >= 0) {
                position = start;
                throw error("a string without unpaired surrogate escapes");
            }
            return value;
        }

        private char unicodeEscape() {
            if (position + 4 > text.length()) throw error("four hex digits after \\u");
            int code = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(position), 16);
                if (digit < 0) throw error("four hex digits after \\u");
                code = code * 16 + digit;
                position++;
            }
            return (char) code;
        }

        private Object number() {
            int start = position;
            if (peek() == '-') position++;
            if (peek() == '0') {
                position++;
            } else if (isDigit(peek())) {
                while (isDigit(peek())) position++;
            } else {
                throw error("a digit");
            }
            boolean whole = true;
            if (peek() == '.') {
                whole = false;
                position++;
                if (!isDigit(peek())) throw error("a digit after the decimal point");
                while (isDigit(peek())) position++;
            }
            if (peek() == 'e' || peek() == 'E') {
                whole = false;
                position++;
                if (peek() == '+' || peek() == '-') position++;
                if (!isDigit(peek())) throw error("a digit in the exponent");
                while (isDigit(peek())) position++;
            }
            String literal = text.substring(start, position);
            if (header && whole) {
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException e) {
                    position = start;
                    throw error("a whole number that fits in 64 bits");
                }
            }
            double value = Double.parseDouble(literal);   // correctly rounded, as RFC 8259 asks
            if (Double.isInfinite(value)) {
                position = start;
                throw error("a number within the range of a double");
            }
            return value;
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, position)) throw error("a value");
            position += word.length();
            return value;
        }

        private Object nonFiniteLiteral(String word, double value) {
            if (!nonFinite) throw error("a value (NaN and Infinity are not JSON)");
            return literal(word, value);
        }

        private void expect(char c) {
            if (peek() != c) throw error("'" + c + "'");
            position++;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void skipSpace() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                position++;
            }
        }

        private String end() {
            return header ? "the end of the header" : "the end of the input";
        }

        /** Where {@code at} is: a character offset in a header (one line), a line and column elsewhere. */
        private String where(int at) {
            if (header) return "at character " + at;
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return "at line " + line + ", column " + (at - lineStart + 1);
        }

        private IllegalArgumentException error(String expected) {
            String found = position >= text.length() ? end()
                    : quote(text.substring(position, Math.min(text.length(), position + 12)));
            String message = source + ": " + (header ? "header is not valid JSON " : "not valid JSON ") + where(position)
                    + "; got " + found + ", expected " + expected;
            return header ? new HeaderError(message) : new IllegalArgumentException(message);
        }

        private IllegalArgumentException duplicate(String key, int keyAt) {
            String message = header
                    ? source + ": duplicate key " + quote(key) + " " + where(keyAt) + " of the header; expected each key once"
                    : source + ": duplicate key " + quote(key) + " " + where(keyAt) + "; got it a second time, expected each key once";
            return header ? new HeaderError(message) : new IllegalArgumentException(message);
        }
    }

    /** Appends values to one builder, compact or indented. */
    private static final class Writer {
        private final StringBuilder out;
        private final boolean pretty;

        Writer(StringBuilder out, boolean pretty) {
            this.out = out;
            this.pretty = pretty;
        }

        void value(Object value, String path, int depth) {
            // A map or list that holds itself would recurse for ever; the cap turns that into an error with a path.
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("json.write: nesting too deep at " + abbreviate(path) + "; got more than "
                        + MAX_DEPTH + " levels, expected at most " + MAX_DEPTH + " (does a value contain itself?)");
            }
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean flag) {
                out.append(flag.booleanValue());
            } else if (value instanceof String text) {
                string(text, path);
            } else if (value instanceof Number number) {
                number(number, path);
            } else if (value instanceof Map<?, ?> map) {
                object(map, path, depth);
            } else if (value instanceof Collection<?> items) {
                array(items, path, depth);
            } else if (value instanceof Object[] items) {
                array(Arrays.asList(items), path, depth);
            } else if (value instanceof double[] numbers) {
                array(Arrays.stream(numbers).boxed().toList(), path, depth);
            } else if (value instanceof float[] numbers) {
                List<Float> boxed = new ArrayList<>(numbers.length);
                for (float f : numbers) boxed.add(f);
                array(boxed, path, depth);
            } else if (value instanceof int[] numbers) {
                array(Arrays.stream(numbers).boxed().toList(), path, depth);
            } else if (value instanceof long[] numbers) {
                array(Arrays.stream(numbers).boxed().toList(), path, depth);
            } else {
                throw new IllegalArgumentException("json.write: no JSON form for the value at " + path + "; got a "
                        + value.getClass().getName() + ", expected null, Boolean, String, Number, Map, Collection or an array");
            }
        }

        private void string(String text, String path) {
            int bad = unpairedSurrogate(text);
            if (bad >= 0) {
                throw new IllegalArgumentException("json.write: the string at " + path + " is not valid Unicode; got an "
                        + "unpaired surrogate at index " + bad + " of " + abbreviate(quote(text)) + ", expected whole characters");
            }
            appendQuoted(out, text);
        }

        private void number(Number number, String path) {
            if (number instanceof Double || number instanceof Float) {
                double value = number.doubleValue();
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("json.write: the number at " + path + " is not finite; got " + value
                            + ", expected a finite number (write null where there is no value)");
                }
                // Float.toString gives the shortest decimal of the float: 0.1f is written 0.1, not 0.10000000149011612.
                out.append(number);
            } else if (number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal) {
                out.append(number);
            } else {
                throw new IllegalArgumentException("json.write: no JSON form for the number at " + path + "; got a "
                        + number.getClass().getName() + ", expected one of the JDK's Double, Float, Integer, Long, Short, "
                        + "Byte, BigInteger, BigDecimal");
            }
        }

        private void object(Map<?, ?> map, String path, int depth) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("json.write: an object key at " + path + " is not a string; got "
                            + member.getKey() + ", expected String keys");
                }
                if (!first) out.append(',');
                first = false;
                newline(depth + 1);
                string(key, path);
                out.append(pretty ? ": " : ":");
                value(member.getValue(), path + "." + key, depth + 1);
            }
            newline(depth);
            out.append('}');
        }

        private void array(Collection<?> items, String path, int depth) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            int index = 0;
            for (Object item : items) {
                if (index > 0) out.append(',');
                newline(depth + 1);
                value(item, path + "[" + index + "]", depth + 1);
                index++;
            }
            newline(depth);
            out.append(']');
        }

        private void newline(int depth) {
            if (!pretty) return;
            out.append('\n');
            for (int i = 0; i < depth; i++) out.append(INDENT);
        }

        private static String abbreviate(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }
}
