package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

/** Checks that a command's output reads as written by a person: no Java record or object strings, no 1.0E-4. */
public final class ForPeople {
    private static final Pattern[] MACHINE = {
        Pattern.compile("\\w+\\[\\w+="),                 // a record's toString: Config[vocabulary=86, ...]
        Pattern.compile("\\w+\\(\\w+=\\w"),              // an object's toString: Pca(components=50)
        Pattern.compile("\\d\\.\\d+E[-+]?\\d"),          // Double.toString: 1.0E-4
        Pattern.compile("\\d\\.\\d{9,}"),                // a raw double: 0.679566071731394
        Pattern.compile("\\bidentity\\b"),               // results.json says none
        Pattern.compile("\\b1 (epochs|layers|trials|iterations)\\b"),
    };

    private ForPeople() {}

    /** Fails, quoting the output, when it holds any of the patterns above. */
    public static void check(String output) {
        for (Pattern pattern : MACHINE) {
            assertFalse(pattern.matcher(output).find(), () -> "'" + pattern + "' in: " + output);
        }
    }
}
