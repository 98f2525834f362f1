package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's package graph, as fovea.cli's package-info says: the job packages under fovea.cli (classify,
 * classic, recurrent, bench ...) are siblings that never use each other; the shared classes of fovea.cli use no job
 * package, except Main, which registers their commands; every package has a package-info.java. It reads the
 * sources, as core's LayeringTest does.
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java/fovea/cli");
    /** A use of a class in a job package, by import or by full name; group 1 is the job. */
    private static final Pattern JOB_REFERENCE = Pattern.compile("\\bfovea\\.cli\\.([a-z]\\w*)(?:\\.[a-z]\\w*)*\\.[A-Z*]");

    @Test void jobsUseOnlyTheSharedPackageAndItUsesNoJob() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the cli module: " + SOURCES.toAbsolutePath());
        assertTrue(jobs(SOURCES).containsAll(Set.of("bench", "classic", "classify", "recurrent")), jobs(SOURCES).toString());
        assertEquals(List.of(), violations(SOURCES));
    }

    @Test void everyPackageSaysWhatItOwns() throws IOException {
        assertEquals(List.of(), packagesWithoutInfo(SOURCES), "packages without package-info.java");
    }

    /** The check itself, on a planted tree: a shared class and a job that use another job are both caught. */
    @Test void theCheckCatchesAPlantedViolation(@TempDir Path root) throws IOException {
        write(root.resolve("Main.java"), "package fovea.cli;\nimport fovea.cli.classify.TrainCommand;\n");
        write(root.resolve("Shared.java"), "package fovea.cli;\nimport fovea.cli.classic.*;\n");
        write(root.resolve("classify/A.java"), "package fovea.cli.classify;\nimport fovea.cli.RunFolder;\n"
                + "import fovea.cli.classify.B;\nclass A { fovea.cli.recurrent.nested.Corpus corpus; }\n");
        write(root.resolve("classify/package-info.java"), "package fovea.cli.classify;\n");
        List<String> violations = violations(root);
        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("Shared.java") && violations.get(0).contains("fovea.cli.classic"), violations.get(0));
        assertTrue(violations.get(1).contains("A.java") && violations.get(1).contains("fovea.cli.recurrent"), violations.get(1));
        assertEquals(List.of(root.toString()), packagesWithoutInfo(root));
    }

    /** Every use of a job package that the graph forbids, one line each, in file order. */
    private static List<String> violations(Path root) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(root)) {
            String job = jobOf(root, file);
            Matcher matcher = JOB_REFERENCE.matcher(Files.readString(file));
            while (matcher.find()) {
                String used = matcher.group(1);
                if (job == null && !file.getFileName().toString().equals("Main.java")) {
                    violations.add(file + ": fovea.cli uses the job package fovea.cli." + used
                            + "; expected shared classes to use no job (only Main registers their commands)");
                } else if (job != null && !used.equals(job)) {
                    violations.add(file + ": fovea.cli." + job + " uses fovea.cli." + used
                            + "; expected jobs never to use each other (move what both need to fovea.cli)");
                }
            }
        }
        return violations;
    }

    private static List<String> packagesWithoutInfo(Path root) throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                boolean hasSources;
                try (Stream<Path> files = Files.list(dir)) {
                    hasSources = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasSources && !Files.exists(dir.resolve("package-info.java"))) missing.add(dir.toString());
            }
        }
        return missing;
    }

    private static Set<String> jobs(Path root) throws IOException {
        Set<String> jobs = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            String job = jobOf(root, file);
            if (job != null) jobs.add(job);
        }
        return jobs;
    }

    /** The job package a file belongs to (the first folder below fovea/cli), or null for fovea.cli itself. */
    private static String jobOf(Path root, Path file) {
        Path relative = root.relativize(file);
        return relative.getNameCount() == 1 ? null : relative.getName(0).toString();
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
