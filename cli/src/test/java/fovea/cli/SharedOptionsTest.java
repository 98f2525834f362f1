package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** --seed, --threads and --out: one mixin each, on exactly the commands that had them, with the same names and defaults. */
class SharedOptionsTest {
    @Command(name = "holder")
    static final class Holder {
        @Mixin RunFolderOption out = new RunFolderOption("linear-LOSS");
    }

    @Test void eachCommandKeepsTheSharedOptionsItHad() {
        assertEquals(List.of("fovea train", "fovea transfer", "fovea knn", "fovea linear", "fovea search",
                "fovea charrnn train", "fovea charrnn sample", "fovea rnn gradients", "fovea scenes make"), mixing(SeedOption.class));
        assertEquals(List.of("fovea train", "fovea knn", "fovea linear", "fovea search", "fovea charrnn train"),
                mixing(ThreadsOption.class));
        assertEquals(List.of("fovea train", "fovea transfer", "fovea knn", "fovea linear", "fovea search", "fovea charrnn train",
                "fovea rnn gradients"), mixing(RunFolderOption.class));
        CommandSpec knn = Main.commandLine().getSubcommands().get("knn").getCommandSpec();
        OptionSpec seed = knn.findOption("--seed");
        assertEquals("42", seed.defaultValue());
        assertEquals("<seed>", seed.paramLabel());
        assertEquals(Integer.class, knn.findOption("--threads").type());
        assertEquals("DIR", knn.findOption("--out").paramLabel());
    }

    @Test void theHelpShowsEachCommandsDefaultRunFolder() {
        String[][] cases = {{"train", "MODEL"}, {"transfer", "transfer"}, {"knn", "knn"}, {"linear", "linear-LOSS"}, {"search", "search-LOSS"},
            {"charrnn", "train", "charrnn"}, {"rnn", "gradients", "rnn-gradients"}};
        for (String[] command : cases) {
            String[] args = Arrays.copyOf(command, command.length);
            args[args.length - 1] = "--help";
            MainTest.Run run = MainTest.run(args);
            String expected = "run folder (default: runs/" + command[command.length - 1] + "-DATE-TIME)";
            assertTrue(run.out().contains(expected), expected + " in " + run.out());
        }
    }

    @Test void theRunFolderIsNamedAfterTheRunAndTheTimeUnlessOutNamesOne() {
        Holder none = new Holder();
        new CommandLine(none).parseArgs();
        assertTrue(none.out.path("linear-svm").toString().matches("runs/linear-svm-\\d{8}-\\d{6}"),
                none.out.path("linear-svm").toString());
        Holder given = new Holder();
        new CommandLine(given).parseArgs("--out", "elsewhere/run");
        assertEquals(Path.of("elsewhere/run"), given.out.path("knn"));
    }

    /** The full names of the commands, in help order, that mix in {@code type}. */
    private static List<String> mixing(Class<?> type) {
        List<String> names = new ArrayList<>();
        collect(Main.commandLine(), type, names);
        return names;
    }

    private static void collect(CommandLine line, Class<?> type, List<String> names) {
        CommandSpec spec = line.getCommandSpec();
        if (spec.mixins().values().stream().anyMatch(mixin -> type.isInstance(mixin.userObject()))) {
            names.add(spec.qualifiedName());
        }
        for (CommandLine sub : line.getSubcommands().values()) collect(sub, type, names);
    }
}
