package fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of JDK ({@code ./fovea --java}): the user's FOVEA_JAVA, then JAVA_HOME, win over the newest
 * JDK it finds; one that is not a JDK >= 17 is one clear error. The JDKs here are stand-ins the test writes: a
 * {@code bin/java} that reports a version the way {@code -XshowSettings:properties} does, and a {@code bin/javac}.
 */
class LauncherTest {
    @TempDir Path dir;

    private Path fakeJdk(String name, int version) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path file = bin.resolve(tool);
            Files.writeString(file, "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir.resolve(name);
    }

    private record Result(int code, String out, String err) {}

    private Result launcher(Map<String, String> environment) throws Exception {
        Path script = Path.of(System.getProperty("fovea.root", "..")).resolve("fovea").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--java");
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("FOVEA_JAVA");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(process.waitFor(), out, err);
    }

    @Test void theUsersJdkWins() throws Exception {
        Path old = fakeJdk("jdk-17", 17);
        Path chosen = fakeJdk("jdk-21", 21);
        assertEquals(old + "/bin/java", launcher(Map.of("JAVA_HOME", old.toString())).out(), "JAVA_HOME, though older");
        assertEquals(chosen + "/bin/java", launcher(Map.of("JAVA_HOME", old.toString(), "FOVEA_JAVA", chosen.toString())).out(),
                "FOVEA_JAVA before JAVA_HOME");
        assertEquals(chosen + "/bin/java", launcher(Map.of("FOVEA_JAVA", chosen + "/bin/java")).out(), "or its java binary");
    }

    @Test void aJdkThatCannotRunFoveaIsOneClearError() throws Exception {
        Path tooOld = fakeJdk("jdk-11", 11);
        Result result = launcher(Map.of("JAVA_HOME", tooOld.toString()));
        assertEquals(1, result.code());
        assertEquals("fovea: JAVA_HOME=" + tooOld + " is not a JDK 17 or newer (expected a folder with bin/java and bin/javac)",
                result.err());
        Result missing = launcher(Map.of("FOVEA_JAVA", dir.resolve("nowhere").toString()));
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("fovea: FOVEA_JAVA=" + dir.resolve("nowhere") + " is not a JDK 17"), missing.err());
    }
}
