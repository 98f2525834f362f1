package fovea.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Json's reader: recursive descent over one text, strict as RFC 8259 asks, with positions in its errors. */
final class JsonParser {
    private final String text;
    private final String source;
    private final boolean nonFinite;
    private final int maxDepth;
    private final boolean header;
    private int position;

    private JsonParser(String text, String source, boolean nonFinite, int maxDepth, boolean header) {
        this.text = text;
        this.source = source;
        this.nonFinite = nonFinite;
        this.maxDepth = maxDepth;
        this.header = header;
    }

    /** One value filling all of {@code text}; numbers as Double, NaN and the infinities only if {@code nonFinite}. */
    static Object parse(String text, String source, boolean nonFinite, int maxDepth) {
        return parse(text, source, nonFinite, maxDepth, false);
    }

    /** As above; a {@code header} parse keeps whole numbers as Long and words its errors for a safetensors header. */
    static Object parse(String text, String source, boolean nonFinite, int maxDepth, boolean header) {
        JsonParser parser = new JsonParser(text, source, nonFinite, maxDepth, header);
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
        if (Json.unpairedSurrogate(value) >= 0) {
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
                : Json.quote(text.substring(position, Math.min(text.length(), position + 12)));
        String message = source + ": " + (header ? "header is not valid JSON " : "not valid JSON ") + where(position)
                + "; got " + found + ", expected " + expected;
        return header ? new HeaderError(message) : new IllegalArgumentException(message);
    }

    private IllegalArgumentException duplicate(String key, int keyAt) {
        String message = header
                ? source + ": duplicate key " + Json.quote(key) + " " + where(keyAt) + " of the header; expected each key once"
                : source + ": duplicate key " + Json.quote(key) + " " + where(keyAt) + "; got it a second time, expected each key once";
        return header ? new HeaderError(message) : new IllegalArgumentException(message);
    }

    /** A header's parse error, turned into an IOException by {@link Json#parseHeader}. */
    static final class HeaderError extends IllegalArgumentException {
        HeaderError(String message) {
            super(message);
        }
    }
}
