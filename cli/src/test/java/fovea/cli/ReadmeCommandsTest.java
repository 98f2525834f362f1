package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code ./fovea} command that README.md shows, run in a short form (one epoch, a few hundred images) in the
 * README's order, on files the test writes where the README names the user's own (photos, CIFAR-10, MNIST, images to
 * predict, a book): each must exit with 0 and write its run folder, with the files its README comment names. A README
 * that drifts from the program (an option renamed, a command gone, a file no longer written) fails here.
 */
class ReadmeCommandsTest {
    /** Options that make each command quick, added when the command has them (a later value wins in picocli). */
    private static final Map<String, List<String>> SHORT = Map.of(
            "train", List.of("--epochs", "1", "--limit-train", "256", "--limit-test", "256", "--validation", "64"),
            "eval", List.of("--limit-test", "256"),
            "knn", List.of("--limit-train", "1000", "--limit-test", "100"),
            "linear", List.of("--epochs", "1", "--limit-train", "1000", "--validation", "200", "--iterations", "20"),
            "search", List.of("--limit-train", "1000", "--validation", "200", "--coarse-trials", "2", "--fine-trials", "1", "--keep", "1",
                    "--coarse-epochs", "1", "--fine-epochs", "1"),
            "charrnn train", List.of("--epochs", "1", "--hidden", "32"),
            "transfer", List.of("--per-class", "20", "--pretrain-epochs", "1", "--epochs", "1", "--limit-test", "256"),
            "rnn gradients", List.of("--steps", "20"),
            "bench gemm", List.of("--shapes", "sq256", "--repeats", "1", "--threads", "1"),
            "scenes make", List.of("--count", "20"));
    /** A run folder's files that every training writes. */
    private static final List<String> TRAIN_FILES = List.of("model.safetensors", "checkpoint.safetensors", "history.csv",
            "history.json", "curves.png", "diagnostics.txt", "results.json");
    private static final Pattern FILE_NAMED = Pattern.compile("\\b[\\w-]+\\.(png|json|csv|txt)\\b");

    @TempDir static Path dir;

    /** The README's commands, each with the comment beside it. */
    record Shown(int line, String command, String comment) {}

    static List<Shown> shown() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("fovea.root", ".."), "README.md"));
        List<Shown> commands = new ArrayList<>();
        boolean code = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```")) code = !code;
            if (!code || !line.startsWith("./fovea ")) continue;
            int hash = commentStart(line);
            commands.add(new Shown(i + 1, line.substring(0, hash).strip(), hash < line.length() ? line.substring(hash) : ""));
        }
        return commands;
    }

    /** Where a {@code # comment} outside quotes begins, or the line's length. */
    private static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && i > 0 && line.charAt(i - 1) == ' ') {
                return i;
            }
        }
        return line.length();
    }

    /** Splits like a shell: words, with "double" and 'single' quoted parts kept whole. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0; else word.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandInTheReadmeRuns() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Map<String, String> files = new LinkedHashMap<>();       // the user's own files the README names
        files.put("folder:photos", "folder:" + Fixtures.folder(work.resolve("photos"), true, 60));
        files.put("cifar10:cifar-10-batches-bin", "cifar10:" + Fixtures.cifar(work.resolve("cifar-10-batches-bin")));
        files.put("mnist:DIR", "mnist:" + Fixtures.fashionSample().toAbsolutePath());
        files.put("shirt.png", Fixtures.trousers(work.resolve("shirt.png"), 28, false).toString());
        files.put("boot.jpg", Fixtures.trousers(work.resolve("boot.jpg"), 28, false).toString());
        files.put("my-cat.jpg", Fixtures.trousers(work.resolve("my-cat.jpg"), 40, true).toString());
        Path book = work.resolve("book.txt");
        Files.writeString(book, String.join("\n", Files.readAllLines(Path.of(System.getProperty("fovea.root", ".."),
                "README.md"))));
        files.put("book.txt", book.toString());
        int[] runs = {0};
        return shown().stream().map(shown -> DynamicTest.dynamicTest("README line " + shown.line() + ": " + shown.command(),
                () -> run(shown, files, work, runs)));
    }

    private static void run(Shown shown, Map<String, String> files, Path work, int[] runs) throws IOException {
        List<String> args = new ArrayList<>();
        for (String word : words(shown.command()).subList(1, words(shown.command()).size())) {
            if (word.startsWith("[") && word.endsWith("]")) continue;               // an optional part: left out
            if (files.containsKey(word)) word = files.get(word);
            else if (word.startsWith("runs/")) word = resolveRun(work, word);
            args.add(word);
        }
        CommandLine line = Main.commandLine();
        line.setOverwrittenOptionsAllowed(true);
        CommandLine command = line;
        String name = "";
        for (String arg : args) {
            CommandLine sub = command.getSubcommands().get(arg);
            if (sub == null) break;
            command = sub;
            name = name.isEmpty() ? arg : name + " " + arg;
        }
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        List<String> quick = SHORT.getOrDefault(name, List.of());
        for (int i = 0; i < quick.size(); i += 2) {
            if (spec.findOption(quick.get(i)) != null) {
                args.add(quick.get(i));
                args.add(quick.get(i + 1));
            }
        }
        Path out = null;
        if (spec.findOption("--out") != null) {
            int given = args.indexOf("--out");
            if (given < 0) {
                out = work.resolve("runs").resolve(name.replace(' ', '-') + "-readme-" + ++runs[0]);
                args.add("--out");
                args.add(out.toString());
            } else {
                out = Path.of(args.get(given + 1));
            }
        }
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        line.setOut(new PrintWriter(stdout));
        line.setErr(new PrintWriter(stderr));
        int code = line.execute(args.toArray(String[]::new));
        assertEquals(0, code, "README line " + shown.line() + " (" + String.join(" ", args) + "):\n" + stderr + stdout);
        if (out == null) return;
        List<String> expected = new ArrayList<>(name.equals("train") ? TRAIN_FILES
                : name.equals("scenes make") ? List.of("instances.json") : List.of("results.json"));
        Matcher named = FILE_NAMED.matcher(shown.comment());
        while (named.find()) expected.add(named.group());
        for (String file : expected) {
            assertTrue(Files.isRegularFile(out.resolve(file)), "README line " + shown.line() + ": " + out + " has no " + file);
        }
    }

    /** A README path into runs/: the same path under the test's folder; "charrnn-..." is the folder of that name. */
    private static String resolveRun(Path work, String word) throws IOException {
        Path runs = work.resolve("runs");
        String rest = word.substring("runs/".length());
        int dots = rest.indexOf("...");
        if (dots < 0) return runs.resolve(rest).toString();
        String prefix = rest.substring(0, dots);
        String after = rest.substring(rest.indexOf('/', dots) + 1);
        try (Stream<Path> folders = Files.list(runs)) {
            Path folder = folders.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no run folder " + prefix + "* for " + word));
            return folder.resolve(after).toString();
        }
    }
}
