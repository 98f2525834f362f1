package fovea.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reference files themselves, in every source (the repository's copy and each -Dfovea.reference folder): each
 * is well formed as ../shared/reference/README.md describes, and the repository's copy has every case, op and
 * setting that another source has, so that make_reference.py keeps up with the shared cases.
 */
class ReferenceFilesTest {
    private static final List<String> FILES = List.of("ops.json", "vision.json", "optimizers.json", "lbfgs.json");

    @TestFactory
    Stream<DynamicTest> everyFileIsWellFormed() {
        return FILES.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            List<String> problems = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Map<String, Object> c : ReferenceCases.cases(file)) {
                String where = file + " " + ReferenceCases.label(c);
                if (!names.add(ReferenceCases.label(c))) problems.add(where + ": a second case of this name");
                if (file.equals("ops.json") || file.equals("vision.json")) checkOpCase(where, c, problems);
                else if (file.equals("optimizers.json")) checkOptimizerCase(where, c, problems);
                else checkLbfgsCase(where, c, problems);
            }
            assertEquals(List.of(), problems);
            assertTrue(names.size() >= 8, file + ": " + names.size() + " cases");
        }));
    }

    @Test void theRepositoryCopyHasEverythingTheOtherSourcesHave() {
        List<String> missing = new ArrayList<>();
        for (String file : FILES) {
            Set<String> ours = kinds(file, ReferenceCases.REPOSITORY);
            for (Map<String, Object> c : ReferenceCases.cases(file)) {
                if (ReferenceCases.REPOSITORY.equals(c.get(ReferenceCases.SOURCE))) continue;
                for (String kind : kinds(c)) {
                    if (!ours.contains(kind)) missing.add(file + " " + ReferenceCases.label(c) + ": " + kind);
                }
            }
        }
        assertEquals(List.of(), missing, "regenerate with make_reference.py after adding these to it");
    }

    /** What a case exercises: its name, its op and each of its param or hyper names. */
    private static Set<String> kinds(Map<String, Object> c) {
        Set<String> kinds = new LinkedHashSet<>();
        kinds.add("case " + c.get("name"));
        if (c.containsKey("op")) kinds.add("op " + c.get("op"));
        for (String key : List.of("params", "hyper")) {
            if (c.get(key) instanceof Map<?, ?> settings) {
                for (Object setting : settings.keySet()) kinds.add(key + " " + setting + " of " + c.getOrDefault("op", c.get("name")));
            }
        }
        return kinds;
    }

    private static Set<String> kinds(String file, String source) {
        Set<String> kinds = new HashSet<>();
        for (Map<String, Object> c : ReferenceCases.cases(file)) if (source.equals(c.get(ReferenceCases.SOURCE))) kinds.addAll(kinds(c));
        return kinds;
    }

    @SuppressWarnings("unchecked")
    private static void checkOpCase(String where, Map<String, Object> c, List<String> problems) {
        if (!(c.get("op") instanceof String) || !(c.get("params") instanceof Map)) problems.add(where + ": no op or params");
        Map<String, Object> inputs = (Map<String, Object>) c.get("inputs");
        inputs.forEach((name, spec) -> checkTensor(where + " input " + name, spec, problems));
        List<Object> outputs = (List<Object>) c.get("outputs");
        if (outputs == null || outputs.isEmpty()) problems.add(where + ": no outputs");
        else for (int k = 0; k < outputs.size(); k++) checkTensor(where + " output " + k, outputs.get(k), problems);
        if (!c.containsKey("grads")) return;   // an integer op (nms) has neither upstream nor grads
        List<Object> upstream = (List<Object>) c.get("upstream");
        if (upstream == null || upstream.size() != outputs.size()) {
            problems.add(where + ": expected one upstream tensor per output; got " + (upstream == null ? 0 : upstream.size()));
            return;
        }
        for (int k = 0; k < upstream.size(); k++) {
            checkTensor(where + " upstream " + k, upstream.get(k), problems);
            if (!shape(upstream.get(k)).equals(shape(outputs.get(k)))) problems.add(where + ": upstream " + k + " is not output-shaped");
        }
        ((Map<String, Object>) c.get("grads")).forEach((name, spec) -> {
            checkTensor(where + " grad " + name, spec, problems);
            if (!inputs.containsKey(name)) problems.add(where + ": a gradient of " + name + ", which is no input");
            else if (!shape(spec).equals(shape(inputs.get(name)))) problems.add(where + ": the gradient of " + name + " is not input-shaped");
        });
    }

    @SuppressWarnings("unchecked")
    private static void checkOptimizerCase(String where, Map<String, Object> c, List<String> problems) {
        for (String key : List.of("a", "b", "p0")) checkTensor(where + " " + key, c.get(key), problems);
        List<Object> trajectory = (List<Object>) c.get("trajectory");
        if (trajectory == null || trajectory.size() != 10) problems.add(where + ": expected a trajectory of 10 steps");
        else for (Object p : trajectory) {
            if (((List<Object>) p).size() != ((List<Object>) ((Map<String, Object>) c.get("p0")).get("data")).size()) {
                problems.add(where + ": a step of the trajectory is not p0-sized");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkLbfgsCase(String where, Map<String, Object> c, List<String> problems) {
        checkTensor(where + " p0", c.get("p0"), problems);
        if ("quartic".equals(c.get("objective"))) for (String key : List.of("a", "b")) checkTensor(where + " " + key, c.get(key), problems);
        else if (!"rosenbrock".equals(c.get("objective"))) problems.add(where + ": unknown objective " + c.get("objective"));
        List<Object> steps = (List<Object>) c.get("steps");
        if (steps == null || steps.size() != 3) {
            problems.add(where + ": expected three step(closure) calls");
            return;
        }
        for (Object s : steps) {
            Map<String, Object> step = (Map<String, Object>) s;
            if (!(step.get("returned_loss") instanceof Double) || !(step.get("closure_calls") instanceof Double calls)
                    || calls < 1 || !(step.get("p") instanceof List)) {
                problems.add(where + ": a step without returned_loss, p and closure_calls >= 1");
            }
        }
    }

    /** A {"shape", "data"} object whose data has as many numbers as the shape holds. */
    @SuppressWarnings("unchecked")
    private static void checkTensor(String where, Object spec, List<String> problems) {
        if (!(spec instanceof Map<?, ?> map) || !(map.get("shape") instanceof List<?> shape) || !(map.get("data") instanceof List<?> data)) {
            problems.add(where + ": expected {\"shape\": [...], \"data\": [...]}; got " + spec);
            return;
        }
        long size = 1;
        for (Object d : shape) size *= ((Double) d).longValue();
        if (data.size() != size) problems.add(where + ": " + data.size() + " numbers for the shape " + shape);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> shape(Object spec) {
        return (List<Object>) ((Map<String, Object>) spec).get("shape");
    }
}
