package fovea.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Json's writer: appends values to one builder, compact or indented, refusing what JSON cannot hold. */
final class JsonWriter {
    private final StringBuilder out;
    private final boolean pretty;

    JsonWriter(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    void value(Object value, String path, int depth) {
        // A map or list that holds itself would recurse for ever; the cap turns that into an error with a path.
        if (depth > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("json.write: nesting too deep at " + abbreviate(path) + "; got more than "
                    + Json.MAX_DEPTH + " levels, expected at most " + Json.MAX_DEPTH + " (does a value contain itself?)");
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
        int bad = Json.unpairedSurrogate(text);
        if (bad >= 0) {
            throw new IllegalArgumentException("json.write: the string at " + path + " is not valid Unicode; got an "
                    + "unpaired surrogate at index " + bad + " of " + abbreviate(Json.quote(text)) + ", expected whole characters");
        }
        Json.appendQuoted(out, text);
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
        for (int i = 0; i < depth; i++) out.append(Json.INDENT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
