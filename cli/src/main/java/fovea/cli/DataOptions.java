package fovea.cli;

import fovea.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option shared by the commands that read Fashion-MNIST, and how it is resolved. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "PATH",
            description = "folder with the four Fashion-MNIST files (default: ~/.fovea/data or $FOVEA_DATA, then "
                    + "/usr/share/datasets/fashion-mnist, then a checked download, then the sample in the repository)")
    Path data;

    /** Where the data is, and a line saying where it came from. */
    FashionMnist.Found find() throws IOException {
        FashionMnist.Sources sources = FashionMnist.Sources.defaults();
        return FashionMnist.find(data == null ? sources : sources.withExplicit(data));
    }
}
