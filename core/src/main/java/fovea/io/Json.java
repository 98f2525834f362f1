package fovea.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader and string quoter for safetensors headers. Objects become
 * insertion-ordered maps and a repeated key is an error; whole numbers become {@code Long} (an overflow is an
 * error) and others {@code Double}; strings, {@code Boolean} and {@code null} as usual.
 */
final class Json {
    // A safetensors header nests three deep; the cap keeps a hostile file from exhausting the stack.
    private static final int MAX_DEPTH = 64;

    private final String text;
    private final String source;
    private int position;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** Parses one JSON value filling all of {@code text} (surrounding whitespace allowed); errors start with {@code source}. */
    static Object parse(String text, String source) throws IOException {
        Json json = new Json(text, source);
        Object value = json.value(0);
        json.skipSpace();
        if (json.position != text.length()) throw json.error("the end of the header");
        return value;
    }

    /** {@code value} as a JSON string literal. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) throw error("at most " + MAX_DEPTH + " levels of nesting");
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
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("a value");
            }
        };
    }

    private Map<String, Object> object(int depth) throws IOException {
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
            if (members.containsKey(key)) {
                throw new IOException(source + ": duplicate key " + quote(key) + " at character " + keyAt
                        + " of the header; expected each key once");
            }
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

    private List<Object> array(int depth) throws IOException {
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

    private String string() throws IOException {
        int start = position++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (position >= text.length()) throw error("a closing quote");
            char c = text.charAt(position++);
            if (c == '"') return wellFormed(out.toString(), start);
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
    }

    /** Rejects a lone surrogate, which only a backslash-u escape can make and which no UTF-8 text can hold. */
    private String wellFormed(String value, int start) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                position = start;
                throw error("a string without unpaired surrogate escapes");
            }
        }
        return value;
    }

    private char unicodeEscape() throws IOException {
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

    private Object number() throws IOException {
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
        if (!whole) return Double.parseDouble(literal);
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            position = start;
            throw error("a whole number that fits in 64 bits");
        }
    }

    private Object literal(String word, Object value) throws IOException {
        if (!text.startsWith(word, position)) throw error("a value");
        position += word.length();
        return value;
    }

    private void expect(char c) throws IOException {
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

    private IOException error(String expected) {
        String found = position >= text.length() ? "the end of the header"
                : quote(text.substring(position, Math.min(text.length(), position + 12)));
        return new IOException(source + ": header is not valid JSON at character " + position + "; got " + found
                + ", expected " + expected);
    }
}
