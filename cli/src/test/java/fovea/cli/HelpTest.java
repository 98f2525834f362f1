package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help reads whole at every width from 80 to 120 columns: no line is longer than the width, and no
 * word is broken across two lines (picocli's own wrapping breaks "model.safetensors" after the dot). The words of a
 * help wrapped at a width are the words of the same help on one long line each.
 */
class HelpTest {
    /** The command line and all its subcommands, depth first. */
    private static List<CommandLine> commands(CommandLine line) {
        List<CommandLine> all = new ArrayList<>(List.of(line));
        for (CommandLine sub : line.getSubcommands().values()) all.addAll(commands(sub));
        return all;
    }

    /** The help of every command, in the order of {@link #commands}, at {@code width} columns. */
    private static List<String> helps(int width) {
        CommandLine line = Main.commandLine();
        line.setHelpFactory(HelpFormat.factory(usage -> width));
        return commands(line).stream().map(command -> command.getUsageMessage(CommandLine.Help.Ansi.OFF)).toList();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
        words.sort(null);
        return words;
    }

    @Test void everyHelpReadsWholeFrom80To120Columns() {
        List<String> names = commands(Main.commandLine()).stream().map(line -> line.getCommandSpec().qualifiedName())
                .toList();
        assertTrue(names.size() >= 17, names.toString());
        List<List<String>> whole = helps(10_000).stream().map(HelpTest::words).toList();
        for (int width = 80; width <= 120; width++) {
            List<String> helps = helps(width);
            for (int i = 0; i < names.size(); i++) {
                String help = helps.get(i), shown = names.get(i) + " at " + width + " columns";
                for (String line : help.split("\n")) assertTrue(line.length() <= width, shown + ": " + line);
                assertEquals(whole.get(i), words(help), shown + " breaks a word:\n" + help);
            }
        }
    }

    @Test void theCommandListGivesEachCommandOneWholeSentence() {
        List<CommandLine> commands = commands(Main.commandLine());
        List<String> helps = helps(80);
        for (int i = 0; i < commands.size(); i++) {
            CommandLine line = commands.get(i);
            for (CommandLine sub : line.getSubcommands().values()) {
                String first = sub.getCommandSpec().usageMessage().description()[0];
                assertTrue(first.endsWith("."), sub.getCommandSpec().qualifiedName() + ": " + first);
            }
            if (line.getSubcommands().isEmpty()) continue;
            String list = helps.get(i).substring(helps.get(i).indexOf("Commands:\n") + "Commands:\n".length());
            assertEquals(line.getSubcommands().size(), list.strip().lines().count(), "one line each at 80 columns:\n" + list);
        }
    }
}
