package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands through picocli, as a user runs them: output, exit codes, one-line errors. */
public class MainTest {
    /** What a run of the command line returned: its exit code and what it printed on stdout and stderr. */
    public record Run(int code, String out, String err) {}

    /** Runs {@code args} through {@link Main#commandLine()}, capturing both streams. */
    public static Run run(String... args) {
        CommandLine line = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test void demoPrintsTheCourseGradients() {
        Run run = run("demo");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().matches("(?s).*  x     input        leaf        -2\\.0000      -4\\.0000.*"), run.out());
        assertTrue(run.out().matches("(?s).*  z     input        leaf        -4\\.0000       3\\.0000.*"), run.out());
        assertTrue(run.out().matches("(?s).*  w0    input        leaf         2\\.0000      -0\\.1966.*"), run.out());
        assertTrue(run.out().matches("(?s).*  x0    input        leaf        -1\\.0000       0\\.3932.*"), run.out());
    }

    @Test void modelsAndSummary() {
        assertTrue(run("models").out().contains("mlp "));
        Run json = run("summary", "mlp", "--json");
        assertEquals(0, json.code(), json.err());
        Map<String, Object> root = JsonReads.object(json.out());
        assertEquals("mlp", JsonReads.string(root, "model"));
        assertEquals(407_050, JsonReads.number(root, "params"));
        assertEquals(4, JsonReads.list(root, "layers").size());
    }

    @Test void badArgumentsGiveOneLineAndExitCode2() {
        for (String[] args : new String[][] {{"--bogus"}, {"summary", "nosuchmodel"}, {"summary", "mlp", "--input", "3x"},
            {"demo", "--x"}}) {
            Run run = run(args);
            assertEquals(2, run.code(), String.join(" ", args));
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), run.err());
        }
    }
}
