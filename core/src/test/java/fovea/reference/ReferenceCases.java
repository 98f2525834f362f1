package fovea.reference;

import fovea.io.Json;
import fovea.tensor.Tensor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch reference cases: always the repository's copy (the test resources beside this package, written
 * by make_reference.py), and in addition every folder named by the system property {@code fovea.reference} (several
 * separated by commas or the path separator; a relative path is taken from the repository root), so that
 * {@code -Dfovea.reference=../shared/reference} also runs the shared cases.
 */
final class ReferenceCases {
    /** The key each case gets for where it came from: {@link #REPOSITORY} or the folder as given. */
    static final String SOURCE = "source";
    /** The source of the repository's copy. */
    static final String REPOSITORY = "repository";

    private ReferenceCases() {}

    /** The folders named by {@code fovea.reference}, resolved; none when it is unset or blank. */
    static List<Path> extraFolders() {
        String configured = System.getProperty("fovea.reference", "");
        List<Path> folders = new ArrayList<>();
        for (String part : configured.split("[," + File.pathSeparator + "]")) {
            if (part.isBlank()) continue;
            Path path = Path.of(part.trim());
            if (!path.isAbsolute()) {
                String root = System.getProperty("fovea.root");
                path = root == null ? Path.of("..").resolve(path) : Path.of(root).resolve(path);
            }
            path = path.normalize();
            if (!Files.isDirectory(path)) {
                throw new IllegalStateException("reference: -Dfovea.reference names " + part.trim() + ", which is not a "
                        + "folder; got " + path + ", expected a folder of reference files");
            }
            folders.add(path);
        }
        return folders;
    }

    /**
     * The cases of {@code file} from the repository's copy, then from each extra folder, each case tagged with its
     * {@link #SOURCE}; a folder without the file is an error, not a skip.
     */
    static List<Map<String, Object>> cases(String file) {
        List<Map<String, Object>> cases = new ArrayList<>(tagged(REPOSITORY, resourceCases(file)));
        for (Path folder : extraFolders()) {
            Path path = folder.resolve(file);
            try {
                cases.addAll(tagged(folder.toString(), parseCases(path.toString(), Files.readString(path))));
            } catch (IOException e) {
                throw new IllegalStateException("reference: cannot read " + path + " (named by -Dfovea.reference): " + e, e);
            }
        }
        return cases;
    }

    /**
     * The cases of a file generated in this repository, a test resource beside its generator script: a name relative
     * to fovea/reference, or an absolute one such as /fovea/optim/param_groups.json.
     */
    static List<Map<String, Object>> resourceCases(String file) {
        return casesOf(file, resource(file));
    }

    /** The whole JSON object of a test resource, for files that hold shared inputs beside their cases. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(String file) {
        try (var in = ReferenceCases.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("reference: no test resource "
                        + (file.startsWith("/") ? file.substring(1) : "fovea/reference/" + file));
            }
            return (Map<String, Object>) Json.parseAllowingNonFinite(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new IllegalStateException("reference: cannot read the test resource " + file + ": " + e, e);
        }
    }

    /** A case's name and where it came from, for test names and messages: {@code add_broadcast [repository]}. */
    static String label(Map<String, Object> c) {
        Object source = c.get(SOURCE);
        return c.get("name") + (source == null ? "" : " [" + source + "]");
    }

    private static List<Map<String, Object>> tagged(String source, List<Map<String, Object>> cases) {
        for (Map<String, Object> c : cases) c.put(SOURCE, source);   // Json gives modifiable maps
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parseCases(String where, String text) {
        // Python's json module writes -Infinity for the masked entries of attention masks (vision.json)
        return casesOf(where, (Map<String, Object>) Json.parseAllowingNonFinite(text, where));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> casesOf(String where, Map<String, Object> root) {
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
