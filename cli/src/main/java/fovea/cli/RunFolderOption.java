package fovea.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}: where a run writes its {@link RunFolder}; by default a new folder runs/NAME-yyyyMMdd-HHmmss. A
 * command creates it with the name its help shows: {@code @Mixin private final RunFolderOption out = new
 * RunFolderOption("knn");}
 */
public final class RunFolderOption {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--out", paramLabel = "DIR", converter = Given.class, description = "run folder (default: ${DEFAULT-VALUE})")
    private Folder out;

    /** The option of a command whose runs are named {@code name} in its help: "knn", or "linear-LOSS" for a name that varies. */
    public RunFolderOption(String name) {
        out = new Folder(null, name);
    }

    /** The run folder {@code --out} names, else {@code existing} (a resumed run's own folder), created as needed. */
    public RunFolder createOr(Path existing, String name) throws IOException {
        return out.given() == null && existing != null ? new RunFolder(existing) : create(name);
    }

    /** The folder {@code --out} names, or runs/NAME-yyyyMMdd-HHmmss with the date and time now. */
    public Path path(String name) {
        return out.given() != null ? out.given() : Path.of("runs", name + "-" + LocalDateTime.now().format(STARTED));
    }

    /** The run folder at {@link #path(String)}, created with its parents. */
    public RunFolder create(String name) throws IOException {
        return new RunFolder(path(name));
    }

    /** What {@code --out} holds: the folder given, or none and the name the help shows as the default. */
    private record Folder(Path given, String helpName) {
        @Override public String toString() {
            return given != null ? given.toString() : "runs/" + helpName + "-DATE-TIME";
        }
    }

    /** picocli's converter from the folder given on the command line. */
    static final class Given implements ITypeConverter<Folder> {
        @Override public Folder convert(String value) {
            return new Folder(Path.of(value), null);
        }
    }
}
