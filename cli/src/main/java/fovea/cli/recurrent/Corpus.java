package fovea.cli.recurrent;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text a language model trains on: a file the user names, or by default the licence texts every Debian
 * system has in /usr/share/common-licenses (package base-files: GPL, LGPL, GFDL, Apache, MPL, Artistic ...; about
 * 250 KB of English prose), concatenated in name order, symbolic links skipped.
 */
record Corpus(String text, String source) {
    static final Path DEFAULT = Path.of("/usr/share/common-licenses");

    static Corpus read(Path file) throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new IOException("--text: no text file at " + file);
            try {
                return new Corpus(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (CharacterCodingException e) {
                throw new IOException("--text: " + file + " is not UTF-8 text; expected UTF-8, such as a plain .txt file", e);
            }
        }
        if (!Files.isDirectory(DEFAULT)) {
            throw new IOException("no --text given and no default corpus at " + DEFAULT
                    + " (Debian's base-files); pass --text FILE");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(DEFAULT)) {
            files = listing.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        StringBuilder text = new StringBuilder();
        for (Path f : files) text.append(Files.readString(f, StandardCharsets.ISO_8859_1)).append('\n');
        return new Corpus(text.toString(), DEFAULT + " (" + files.size() + " licence texts)");
    }
}
