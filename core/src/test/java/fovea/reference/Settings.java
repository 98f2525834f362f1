package fovea.reference;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference case's settings ("hyper", a schedule), read by name with PyTorch's default when absent; it remembers
 * which were read, so that a setting no test maps fails loudly instead of being ignored.
 */
final class Settings {
    final String caseName;
    private final Map<String, Object> values;
    private final Set<String> read = new HashSet<>();

    Settings(String caseName, Map<String, Object> values) {
        this.caseName = caseName;
        this.values = values == null ? Map.of() : values;
    }

    float number(String key, float fallback) {
        read.add(key);
        Object value = values.get(key);
        return value == null ? fallback : ((Double) value).floatValue();
    }

    /** A whole number the case must give. */
    int integer(String key) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) fail(caseName + ": expected setting '" + key + "'");
        return ((Double) value).intValue();
    }

    int integer(String key, int fallback) {
        read.add(key);
        Object value = values.get(key);
        return value == null ? fallback : ((Double) value).intValue();
    }

    String text(String key) {
        read.add(key);
        return (String) values.get(key);
    }

    boolean flag(String key) {
        read.add(key);
        return Boolean.TRUE.equals(values.get(key));
    }

    @SuppressWarnings("unchecked")
    float beta(int index, float fallback) {
        read.add("betas");
        Object betas = values.get("betas");
        return betas == null ? fallback : ((Double) ((List<Object>) betas).get(index)).floatValue();
    }

    void checkAllRead() {
        Set<String> unread = new HashSet<>(values.keySet());
        unread.removeAll(read);
        if (!unread.isEmpty()) fail("reference case '" + caseName + "': settings " + unread + " have no mapping; expected only " + read);
    }
}
