package fovea.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step reports: its named scalars (loss, accuracy ...) and the number of examples they are means
 * over, which weighs them in the epoch's averages.
 */
public record StepResult(Map<String, Double> scalars, int examples) {
    /** An unmodifiable copy; examples must be >= 1. */
    public StepResult {
        if (examples < 1) throw new IllegalArgumentException("StepResult: examples must be >= 1; got " + examples);
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /** The scalar {@code name}; an error names the ones there are. */
    public double get(String name) {
        Double value = scalars.get(name);
        if (value == null) throw new IllegalArgumentException("StepResult: no scalar " + name + "; got " + scalars.keySet());
        return value;
    }
}
