package fovea.cli;

import fovea.io.Json;
import java.util.List;
import java.util.Map;

/** Typed reads of what the commands write as JSON, failing with the key and what was there when a type is wrong. */
public final class JsonReads {
    private JsonReads() {}

    /** The JSON object that {@code text} holds. */
    public static Map<String, Object> object(String text) {
        return cast(Json.parse(text, "output"), Map.class, "the document");
    }

    /** The object under {@code key}. */
    public static Map<String, Object> object(Map<String, Object> object, String key) {
        return cast(object.get(key), Map.class, key);
    }

    /** The object at {@code index} of a list. */
    public static Map<String, Object> object(List<Object> list, int index) {
        return cast(list.get(index), Map.class, "item " + index);
    }

    /** The array under {@code key}. */
    public static List<Object> list(Map<String, Object> object, String key) {
        return cast(object.get(key), List.class, key);
    }

    /** The number under {@code key}. */
    public static double number(Map<String, Object> object, String key) {
        return cast(object.get(key), Double.class, key);
    }

    /** The string under {@code key}. */
    public static String string(Map<String, Object> object, String key) {
        return cast(object.get(key), String.class, key);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value, Class<?> type, String what) {
        if (!type.isInstance(value)) {
            throw new AssertionError(what + ": expected a " + type.getSimpleName() + "; got " + value);
        }
        return (T) value;
    }
}
