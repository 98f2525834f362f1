package fovea.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §1: packages in layers; a package imports only from layers below it (layer-2 packages not from each
 * other, except that a sub-package may use its parent), every package has a package-info.java, and core uses nothing outside the JDK.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/fovea");
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("kernel", 0), Map.entry("tensor", 1),
            Map.entry("nn", 2), Map.entry("nn.recurrent", 2), Map.entry("optim", 2), Map.entry("data", 2),
            Map.entry("io", 2), Map.entry("models", 3), Map.entry("train", 3), Map.entry("classic", 3),
            Map.entry("vision", 4), Map.entry("generative", 4), Map.entry("rl", 4));
    private static final Pattern REFERENCE = Pattern.compile("\\bfovea\\.([a-z]+(?:\\.recurrent)?)\\.[A-Z*]");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test void packagesImportOnlyLowerLayers() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = packageOf(file);
            Integer layer = LAYERS.get(pkg);
            if (layer == null) {
                violations.add(file + ": package fovea." + pkg + " has no layer in DESIGN.md §1 (add it to LayeringTest)");
                continue;
            }
            Matcher matcher = REFERENCE.matcher(Files.readString(file));
            while (matcher.find()) {
                String used = matcher.group(1);
                if (used.equals(pkg) || isParent(used, pkg)) continue;
                Integer usedLayer = LAYERS.get(used);
                if (usedLayer == null || usedLayer >= layer) {
                    violations.add(file + ": fovea." + pkg + " (layer " + layer + ") uses fovea." + used
                            + " (layer " + usedLayer + "); expected only lower layers");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test void coreUsesOnlyTheJdk() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            Matcher matcher = IMPORT.matcher(Files.readString(file));
            while (matcher.find()) {
                String name = matcher.group(2);
                if (!(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.incubator.vector")
                        || name.startsWith("fovea."))) {
                    violations.add(file + ": imports " + name + "; core depends on nothing beyond the JDK");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test void everyPackageSaysWhatItOwns() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasSources;
                try (Stream<Path> files = Files.list(dir)) {
                    hasSources = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasSources && !Files.exists(dir.resolve("package-info.java"))) missing.add(dir.toString());
            }
        }
        assertEquals(List.of(), missing, "packages without package-info.java");
    }

    /** A sub-package builds on its parent (fovea.nn.recurrent's layers are fovea.nn Modules); never the reverse. */
    private static boolean isParent(String used, String pkg) {
        return pkg.startsWith(used + ".");
    }

    private static List<Path> javaFiles() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the core module: " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file.getParent()).toString().replace('/', '.');
    }
}
