package fovea.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Zalando Research): 60000 training and 10000 test images of clothing, 28x28 grayscale, in 10
 * classes; and where to find it. {@link #find} looks, in order, in an explicit folder, the user's data folder, the
 * folder Debian's {@code dataset-fashion-mnist} installs, a download from the official location, and the small
 * sample shipped with Fovea; it returns where it found the files and a message for people, and prints nothing.
 */
public final class FashionMnist {
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The four standard file names; each may also be present uncompressed, without ".gz". */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** The official download location, with the MD5s of the .gz files published in the dataset's README. */
    public static final Mirror OFFICIAL_MIRROR = new Mirror(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            Map.of("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                    "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                    "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                    "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"));

    /** Where the sample sits below the repository root. */
    public static final String SAMPLE_FOLDER = "data/fashion-mnist-sample";

    private FashionMnist() {}

    /** Which of the places in {@link Sources} held the files. */
    public enum Source { EXPLICIT, USER_DATA, SYSTEM, DOWNLOAD, SAMPLE }

    /** Where the four files were found, which kind of place that is, and a sentence saying so for people. */
    public record Found(Path folder, Source source, String message) {}

    /**
     * The places to look, in order; a null place is skipped. {@code userData} is the user's data folder (the files
     * go in its fashion-mnist subfolder, and a download is written there); {@code sample} is the shipped sample.
     */
    public record Sources(Path explicit, Path userData, Path system, Mirror mirror, Path sample) {
        /**
         * No explicit folder; {@code $FOVEA_DATA} or ~/.fovea/data; /usr/share/datasets/fashion-mnist; the official
         * mirror; the sample under the system property {@code fovea.home}, else under the first folder upwards
         * from the working directory that holds data/fashion-mnist-sample.
         */
        public static Sources defaults() {
            String env = System.getenv("FOVEA_DATA");
            Path userData = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(System.getProperty("user.home"), ".fovea", "data");
            return new Sources(null, userData, Path.of("/usr/share/datasets/fashion-mnist"), OFFICIAL_MIRROR, sampleFolder());
        }

        /** The same places, with {@code folder} looked in first and required to hold the files. */
        public Sources withExplicit(Path folder) {
            return new Sources(folder, userData, system, mirror, sample);
        }

        /** The same places without the download. */
        public Sources withoutDownload() {
            return new Sources(explicit, userData, system, null, sample);
        }

        private static Path sampleFolder() {
            String home = System.getProperty("fovea.home");
            if (home != null && !home.isBlank()) return Path.of(home).resolve(SAMPLE_FOLDER);
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(SAMPLE_FOLDER))) return dir.resolve(SAMPLE_FOLDER);
            }
            return null;
        }
    }

    /** Looks in the default places ({@link Sources#defaults()}). */
    public static Found find() throws IOException {
        return find(Sources.defaults());
    }

    /** Looks in {@code sources} in order; an explicit folder without the files is an error, not skipped. */
    public static Found find(Sources sources) throws IOException {
        if (sources.explicit() != null) {
            List<String> missing = missing(sources.explicit());
            if (!missing.isEmpty()) {
                throw new IOException("FashionMnist: " + sources.explicit() + ": missing " + String.join(", ", missing)
                        + "; expected the four files of Fashion-MNIST, gzip-compressed or not: " + String.join(", ", FILES));
            }
            return new Found(sources.explicit(), Source.EXPLICIT, "using Fashion-MNIST from " + sources.explicit());
        }
        List<String> tried = new ArrayList<>();
        Path userFolder = sources.userData() == null ? null : sources.userData().resolve("fashion-mnist");
        if (has(userFolder, tried)) {
            return new Found(userFolder, Source.USER_DATA, "using Fashion-MNIST from your data folder " + userFolder);
        }
        if (has(sources.system(), tried)) {
            return new Found(sources.system(), Source.SYSTEM, "using Fashion-MNIST from " + sources.system()
                    + " (Debian's dataset-fashion-mnist)");
        }
        if (sources.mirror() != null && userFolder != null) {
            try {
                Download.all(sources.mirror(), FILES, userFolder);
                return new Found(userFolder, Source.DOWNLOAD, "downloaded Fashion-MNIST from " + sources.mirror().base()
                        + " to " + userFolder + " (MD5 checksums verified)");
            } catch (IOException e) {
                tried.add(e.getMessage());
            }
        } else if (sources.mirror() != null) {
            tried.add("no user data folder to download into");
        }
        if (sources.sample() != null && missing(sources.sample()).isEmpty()) {
            int images = Idx.count(file(sources.sample(), FILES.get(0))) + Idx.count(file(sources.sample(), FILES.get(2)));
            return new Found(sources.sample(), Source.SAMPLE, "using the " + images + "-image sample shipped with Fovea: "
                    + sources.sample() + " (" + String.join("; ", tried) + ")");
        }
        tried.add(sources.sample() == null ? "no sample folder " + SAMPLE_FOLDER + " (set -Dfovea.home)"
                : "no sample in " + sources.sample());
        throw new IOException("FashionMnist: not found; " + String.join("; ", tried));
    }

    /** The 60000 training examples in {@code folder} (fewer in the sample), as [1, 28, 28] in [0, 1]. */
    public static TensorDataset readTraining(Path folder) throws IOException {
        return Idx.read(file(folder, FILES.get(0)), file(folder, FILES.get(1)));
    }

    /** The 10000 test examples in {@code folder} (fewer in the sample), as [1, 28, 28] in [0, 1]. */
    public static TensorDataset readTest(Path folder) throws IOException {
        return Idx.read(file(folder, FILES.get(2)), file(folder, FILES.get(3)));
    }

    /** The file {@code name} in {@code folder}, or its uncompressed twin when only that is there. */
    private static Path file(Path folder, String name) {
        Path gz = folder.resolve(name);
        Path raw = folder.resolve(name.substring(0, name.length() - ".gz".length()));
        return !Files.isRegularFile(gz) && Files.isRegularFile(raw) ? raw : gz;
    }

    private static List<String> missing(Path folder) {
        return FILES.stream().filter(name -> !Files.isRegularFile(file(folder, name))).toList();
    }

    private static boolean has(Path folder, List<String> tried) {
        if (folder == null) return false;
        List<String> missing = missing(folder);
        if (missing.isEmpty()) return true;
        tried.add(missing.size() == FILES.size() ? "nothing in " + folder : folder + " lacks " + String.join(", ", missing));
        return false;
    }
}
