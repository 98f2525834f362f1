package fovea.reference;

import fovea.io.Json;
import fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch reference cases from the folder named by the system property {@code fovea.reference}
 * (default ../shared/reference; a relative path is taken from the repository root).
 */
final class ReferenceCases {
    private ReferenceCases() {}

    static Path folder() {
        String configured = System.getProperty("fovea.reference", "../shared/reference");
        Path path = Path.of(configured);
        if (!path.isAbsolute()) {
            String root = System.getProperty("fovea.root");
            path = root == null ? Path.of("..").resolve(path) : Path.of(root).resolve(path);
        }
        return path.normalize();
    }

    static List<Map<String, Object>> cases(String file) {
        Path path = folder().resolve(file);
        try {
            return parseCases(path.toString(), Files.readString(path));
        } catch (IOException e) {
            throw new IllegalStateException("reference: cannot read " + path + " (set -Dfovea.reference=DIR): " + e, e);
        }
    }

    /** The cases of a file generated in this repository, a test resource beside its generator script. */
    static List<Map<String, Object>> resourceCases(String file) {
        try (var in = ReferenceCases.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("reference: no test resource fovea/reference/" + file);
            return parseCases(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("reference: cannot read the test resource " + file + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parseCases(String where, String text) {
        // Python's json module writes -Infinity for the masked entries of attention masks (vision.json)
        Map<String, Object> root = (Map<String, Object>) Json.parseAllowingNonFinite(text, where);
        Object cases = root.get("cases");
        if (!(cases instanceof List)) throw new IllegalStateException(where + ": expected a \"cases\" list");
        return (List<Map<String, Object>>) cases;
    }

    /** A {"shape": [...], "data": [...]} object as a tensor. */
    @SuppressWarnings("unchecked")
    static Tensor tensor(Object spec) {
        Map<String, Object> map = (Map<String, Object>) spec;
        List<Object> shape = (List<Object>) map.get("shape");
        List<Object> data = (List<Object>) map.get("data");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = ((Double) shape.get(i)).intValue();
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) values[i] = ((Double) data.get(i)).floatValue();
        return Tensor.of(values, fovea.tensor.Shape.of(dims));
    }

    /** The reference values in double, for comparison. */
    @SuppressWarnings("unchecked")
    static double[] values(Object spec) {
        List<Object> data = (List<Object>) ((Map<String, Object>) spec).get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) values[i] = (Double) data.get(i);
        return values;
    }

    /**
     * Fails unless |actual - expected| <= rtol |expected| + atol elementwise and the shapes agree;
     * the message names the case, the tensor and the first element off.
     */
    @SuppressWarnings("unchecked")
    static void assertClose(String what, Object expectedSpec, Tensor actual, double rtol, double atol) {
        Tensor expectedShape = tensor(expectedSpec);
        if (!expectedShape.shape().equals(actual.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expectedShape.shape());
        }
        double[] expected = values(expectedSpec);
        float[] got = actual.toArray();
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(got[i] - expected[i]) <= rtol * Math.abs(expected[i]) + atol)) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]
                        + " (tolerance " + rtol + " relative + " + atol + ")");
            }
        }
    }
}
