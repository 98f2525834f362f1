package fovea.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The registry of labelled image data sets, named by a spec: {@code fashion-mnist} (the default, found where
 * {@link FashionMnist#find} looks) or {@code fashion-mnist:DIR}, {@code mnist:DIR} and {@code idx:DIR} (IDX files),
 * {@code cifar10:DIR} (CIFAR-10's binary version) and {@code folder:DIR} (one folder per class of PNG and JPEG
 * images, as torchvision's ImageFolder). Each gives its training and test sets, the input shape, the class names
 * and a line for people saying what was read from where; the package prints nothing.
 * <pre>{@code
 * DataSets.Data data = DataSets.open("cifar10:/data/cifar-10-batches-bin", DataSets.Options.defaults());
 * Module model = zoo.build(data.inputShape(), data.classes().size());
 * }</pre>
 */
public final class DataSets {
    /** The forms a spec takes, for help texts and errors. */
    public static final List<String> SPECS = List.of("fashion-mnist", "fashion-mnist:DIR", "mnist:DIR", "idx:DIR",
            "cifar10:DIR", "folder:DIR");

    /** The spec used when none is given. */
    public static final String DEFAULT = "fashion-mnist";

    /** MNIST's class names, as torchvision's MNIST.classes. */
    public static final List<String> MNIST_CLASSES = List.of("0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
            "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine");

    private DataSets() {}

    /**
     * How to read: the size image folders are resized to (0 keeps their one common size; other data sets have
     * their own size, which this must then be 0 or equal), the fraction of a single image folder held out for
     * testing and the seed of that split, and where Fashion-MNIST is looked for.
     */
    public record Options(int imageSize, double testFraction, long seed, FashionMnist.Sources sources) {
        /** Checks the values. */
        public Options {
            if (imageSize < 0) throw new IllegalArgumentException("DataSets: imageSize must be >= 0 (0 keeps the size); got " + imageSize);
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("DataSets: testFraction must be in (0, 1); got " + testFraction);
            }
            if (sources == null) throw new IllegalArgumentException("DataSets: sources must not be null");
        }

        /** Sizes kept, a fifth of a single folder held out with seed 0, Fashion-MNIST's default places. */
        public static Options defaults() {
            return new Options(0, 0.2, 0, FashionMnist.Sources.defaults());
        }

        /** The same options with image folders resized to {@code value} x {@code value}. */
        public Options withImageSize(int value) {
            return new Options(value, testFraction, seed, sources);
        }

        /** The same options holding out {@code fraction} of a single image folder, split with {@code splitSeed}. */
        public Options withTestFraction(double fraction, long splitSeed) {
            return new Options(imageSize, fraction, splitSeed, sources);
        }

        /** The same options looking for Fashion-MNIST in {@code value}. */
        public Options withSources(FashionMnist.Sources value) {
            return new Options(imageSize, testFraction, seed, value);
        }
    }

    /**
     * A data set read: its kind ({@code fashion-mnist}, {@code fashion-mnist-sample}, {@code mnist}, {@code idx},
     * {@code cifar10}, {@code folder}), the training and test sets of examples [C, H, W] in [0, 1], that input
     * shape, the class names by label, and one line for people.
     */
    public record Data(String name, TensorDataset train, TensorDataset test, int[] inputShape, List<String> classes,
            String description) {
        /** Checks that both sets have the input shape and that every label has a class name. */
        public Data {
            inputShape = inputShape.clone();
            classes = List.copyOf(classes);
            if (!Arrays.equals(train.exampleShape(), inputShape) || !Arrays.equals(test.exampleShape(), inputShape)) {
                throw new IllegalArgumentException("DataSets.Data: expected examples " + Arrays.toString(inputShape)
                        + "; got " + Arrays.toString(train.exampleShape()) + " (train) and " + Arrays.toString(test.exampleShape())
                        + " (test)");
            }
            int labels = Math.max(train.classCount(), test.classCount());
            if (labels > classes.size()) {
                throw new IllegalArgumentException("DataSets.Data: labels go up to " + (labels - 1) + "; got " + classes.size()
                        + " class names");
            }
        }

        /** The shape of one example, [C, H, W]. */
        @Override public int[] inputShape() {
            return inputShape.clone();
        }
    }

    /** Reads the data set {@code spec} names (null or blank: the default, Fashion-MNIST). */
    public static Data open(String spec, Options options) throws IOException {
        String name = spec == null || spec.isBlank() ? DEFAULT : spec.strip();
        int colon = name.indexOf(':');
        String kind = colon < 0 ? name : name.substring(0, colon);
        Path dir = colon < 0 || colon == name.length() - 1 ? null : Path.of(name.substring(colon + 1));
        if (!SPECS.contains(kind) && !SPECS.contains(kind + ":DIR")) {
            throw new IllegalArgumentException("DataSets: unknown data set '" + name + "'; expected one of " + String.join(", ", SPECS));
        }
        if (dir == null && !kind.equals("fashion-mnist")) {
            throw new IllegalArgumentException("DataSets: " + kind + " needs a folder, " + kind + ":DIR; got '" + name + "'");
        }
        if (dir != null && !Files.isDirectory(dir)) throw new IOException("DataSets: " + name + ": " + dir + ": no such folder");
        Data data = switch (kind) {
            case "fashion-mnist" -> fashionMnist(dir, options);
            case "mnist" -> idx(dir, "mnist", "MNIST", MNIST_CLASSES);
            case "idx" -> idx(dir, "idx", "IDX data", null);
            case "cifar10" -> cifar10(dir);
            default -> FolderDataSet.read(dir, options);
        };
        if (!kind.equals("folder") && options.imageSize() != 0) {
            int[] shape = data.inputShape();
            if (shape[1] != options.imageSize() || shape[2] != options.imageSize()) {
                throw new IllegalArgumentException("DataSets: imageSize resizes image folders only; " + data.name() + " images are "
                        + shape[1] + "x" + shape[2] + "; got imageSize " + options.imageSize());
            }
        }
        return data;
    }

    private static Data fashionMnist(Path dir, Options options) throws IOException {
        FashionMnist.Found found = FashionMnist.find(dir == null ? options.sources() : options.sources().withExplicit(dir));
        TensorDataset train = FashionMnist.readTraining(found.folder());
        TensorDataset test = FashionMnist.readTest(found.folder());
        String name = found.source() == FashionMnist.Source.SAMPLE ? "fashion-mnist-sample" : "fashion-mnist";
        return new Data(name, train, test, train.exampleShape(), FashionMnist.CLASSES,
                "Fashion-MNIST: " + counts(train, test, FashionMnist.CLASSES.size()) + "; " + found.message());
    }

    /** Images and labels of IDX files named as MNIST's (any prefix, raw or .gz, t10k or test), one set each. */
    private static Data idx(Path dir, String name, String title, List<String> classes) throws IOException {
        // torchvision's MNIST keeps its files in DIR/MNIST/raw.
        Path folder = idxFiles(dir).isEmpty() && Files.isDirectory(dir.resolve("MNIST/raw")) ? dir.resolve("MNIST/raw") : dir;
        TensorDataset train = Idx.read(idxFile(folder, "train", "images"), idxFile(folder, "train", "labels"));
        TensorDataset test = Idx.read(idxFile(folder, "test", "images"), idxFile(folder, "test", "labels"));
        if (!Arrays.equals(train.exampleShape(), test.exampleShape())) {
            throw new IOException(name + ": " + folder + ": the test images are " + shape(test.exampleShape())
                    + "; expected " + shape(train.exampleShape()) + " like the training images");
        }
        int count = Math.max(train.classCount(), test.classCount());
        List<String> names = classes != null ? classes : idxClasses(folder, count);
        if (count > names.size()) {
            throw new IOException(name + ": " + folder + ": labels go up to " + (count - 1) + "; expected at most "
                    + (names.size() - 1) + " for the classes " + names);
        }
        String source = classes != null ? "" : Files.isRegularFile(folder.resolve("classes.txt"))
                ? " (names from classes.txt)" : " (no classes.txt: named by number)";
        return new Data(name, train, test, train.exampleShape(), names,
                title + " from " + folder + ": " + counts(train, test, names.size()) + source);
    }

    private static final Pattern IDX_NAME = Pattern.compile("(?:.*[-_.])?(train|t10k|test)-(images|labels)[-.]idx([13])-ubyte(?:\\.gz)?");

    private static List<Path> idxFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f)
                    && IDX_NAME.matcher(f.getFileName().toString().toLowerCase(Locale.ROOT)).matches()).sorted().toList();
        }
    }

    /** The one file of {@code folder} for the training or test {@code what}; none or several is an error naming them. */
    private static Path idxFile(Path folder, String set, String what) throws IOException {
        List<Path> matches = new ArrayList<>();
        for (Path file : idxFiles(folder)) {
            Matcher m = IDX_NAME.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT));
            if (!m.matches()) continue;
            boolean sameSet = set.equals("train") ? m.group(1).equals("train") : !m.group(1).equals("train");
            if (sameSet && m.group(2).equals(what)) matches.add(file);
        }
        // The same file raw and gzip-compressed counts once, as FashionMnist reads it: the .gz is preferred.
        if (matches.size() == 2 && matches.get(1).toString().equals(matches.get(0) + ".gz")) matches.remove(0);
        String pattern = (set.equals("train") ? "train" : "t10k or test") + "-" + what + "-idx" + (what.equals("images") ? 3 : 1)
                + "-ubyte[.gz]";
        if (matches.size() != 1) {
            throw new IOException("idx: " + folder + ": " + (matches.isEmpty() ? "no file" : matches.size() + " files")
                    + " of " + set + " " + what + (matches.isEmpty() ? "" : " " + matches.stream().map(p -> p.getFileName().toString()).toList())
                    + "; expected one named like " + pattern);
        }
        return matches.get(0);
    }

    /** The names in the folder's classes.txt, one per line, or the labels' numbers when it has none. */
    private static List<String> idxClasses(Path folder, int count) throws IOException {
        Path file = folder.resolve("classes.txt");
        if (Files.isRegularFile(file)) {
            return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    private static Data cifar10(Path dir) throws IOException {
        // The archive unpacks into cifar-10-batches-bin; the folder above it will do.
        Path folder = !Files.isRegularFile(dir.resolve("test_batch.bin")) && Files.isDirectory(dir.resolve("cifar-10-batches-bin"))
                ? dir.resolve("cifar-10-batches-bin") : dir;
        TensorDataset train = Cifar10.readTraining(folder);
        TensorDataset test = Cifar10.readTest(folder);
        List<String> classes = Cifar10.readClasses(folder);
        String names = Files.isRegularFile(folder.resolve(Cifar10.META)) ? " (names from " + Cifar10.META + ")"
                : " (no " + Cifar10.META + ": the standard names)";
        return new Data("cifar10", train, test, train.exampleShape(), classes,
                "CIFAR-10 from " + folder + ": " + counts(train, test, classes.size()) + names);
    }

    /** "N training and M test images of CxHxW in K classes". */
    static String counts(TensorDataset train, TensorDataset test, int classes) {
        return train.size() + " training and " + test.size() + " test images of " + shape(train.exampleShape()) + " in "
                + classes + " classes";
    }

    static String shape(int[] dims) {
        return String.join("x", Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }
}
