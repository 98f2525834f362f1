package fovea.cli;

import fovea.data.DataSets;
import fovea.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --data} option shared by the commands that read labelled images, and how it is resolved. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "DATA",
            description = {"the data: fashion-mnist (default: ~/.fovea/data or $FOVEA_DATA, then "
                    + "/usr/share/datasets/fashion-mnist, then a checked download, then the sample in the repository), "
                    + "a folder of the four Fashion-MNIST files, mnist:DIR, idx:DIR, cifar10:DIR (the binary version) "
                    + "or folder:DIR (one folder per class of PNG/JPEG images, in DIR/train and DIR/test, or split)"})
    String data;

    /** Where Fashion-MNIST is, and a line saying where it came from: for the commands that read only it. */
    public FashionMnist.Found find() throws IOException {
        FashionMnist.Sources sources = FashionMnist.Sources.defaults();
        return FashionMnist.find(data == null ? sources : sources.withExplicit(Path.of(data)));
    }

    /** The spec given, or {@code fallback} (a weights file's data set) when none was; a bare folder means Fashion-MNIST. */
    public String spec(String fallback) {
        String given = data != null ? data : fallback;
        if (given == null) return DataSets.DEFAULT;
        int colon = given.indexOf(':');
        String kind = colon < 0 ? given : given.substring(0, colon);
        boolean named = DataSets.SPECS.contains(kind) || DataSets.SPECS.contains(kind + ":DIR");
        // a word before a colon names a kind (an unknown one is a usage error); anything else is a folder
        boolean kindLike = colon > 1 && kind.matches("[a-z][a-z0-9-]*");
        return named || kindLike ? given : "fashion-mnist:" + given;
    }

    /** Reads the data set, image folders resized to {@code imageSize} (0 keeps them); a bad spec is a usage error. */
    public DataSets.Data open(CommandSpec spec, String fallback, int imageSize, long seed) throws IOException {
        checkKind(spec);
        DataSets.Options options = DataSets.Options.defaults().withImageSize(imageSize).withTestFraction(0.2, seed);
        try {
            return DataSets.open(spec(fallback), options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--data: " + e.getMessage());
        }
    }

    /**
     * A usage error naming the kinds close to a misspelt one: an unknown word before a colon ("cifar:DIR"), or a bare
     * word that is no file or folder but close to a kind's name ("fashon-mnist").
     */
    private void checkKind(CommandSpec spec) {
        if (data == null) return;
        List<String> kinds = DataSets.SPECS.stream().map(name -> name.replace(":DIR", "")).distinct().toList();
        int colon = data.indexOf(':');
        String kind = colon < 0 ? data : data.substring(0, colon);
        if (kinds.contains(kind)) return;
        if (colon > 1 && kind.matches("[a-z][a-z0-9-]*")) throw Cli.unknown(spec, "--data kind", kind, kinds);
        if (colon < 0 && !Files.exists(Path.of(data)) && !Cli.closest(data, kinds).isEmpty()) {
            throw Cli.unknown(spec, "--data", data, kinds);
        }
    }
}
