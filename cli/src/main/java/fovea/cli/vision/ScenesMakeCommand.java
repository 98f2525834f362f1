package fovea.cli.vision;

import fovea.cli.Cli;
import fovea.cli.DataOptions;
import fovea.cli.Numbers;
import fovea.cli.SeedOption;
import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import fovea.vision.Coco;
import fovea.vision.FashionScenes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fovea scenes make}: Fashion scenes of one split, written as a COCO folder. */
@Command(name = "make", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write Fashion scenes with their masks and boxes as a COCO folder.",
            "Each scene holds Fashion-MNIST items, scaled, tinted and placed over a textured background, each at least "
                + "70% visible; training scenes take items from the training images only, test scenes from the test "
                + "images. The folder holds instances.json (bbox, area, category_id, segmentation as uncompressed RLE) "
                + "and images/*.png. The same seed gives the same scenes."})
public final class ScenesMakeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write")
    private Path out;

    @Option(names = "--count", paramLabel = "N", description = "scenes to write (default: ${DEFAULT-VALUE})", defaultValue = "1000")
    private int count;

    @Option(names = "--split", paramLabel = "SPLIT", description = "train or test: which Fashion-MNIST images the items come "
            + "from (default: ${DEFAULT-VALUE})", defaultValue = "train")
    private String split;

    @Option(names = "--format", paramLabel = "FORMAT", description = "coco (default: ${DEFAULT-VALUE})", defaultValue = "coco")
    private String format;

    @Option(names = "--size", paramLabel = "N", description = "the side of a scene in pixels (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    private int size;

    @Option(names = "--items", paramLabel = "MIN:MAX", description = "items a scene (default: ${DEFAULT-VALUE})", defaultValue = "1:4")
    private String items;

    @Mixin
    private DataOptions data;

    @Mixin
    private SeedOption seed;

    @Override public Integer call() throws Exception {
        Cli.atLeast(spec, "--count", count, 1);
        if (!List.of("train", "test").contains(split)) throw Cli.unknown(spec, "--split", split, List.of("train", "test"));
        if (!format.equals("coco")) throw Cli.unknown(spec, "--format", format, List.of("coco"));
        String[] range = items.split(":", -1);
        Cli.require(spec, range.length == 2 && range[0].matches("[0-9]{1,2}") && range[1].matches("[0-9]{1,2}"), "--items",
                "MIN:MAX, such as 1:4", items);
        FashionScenes.Config config;
        try {
            config = FashionScenes.Config.defaults().withSize(size).withItems(Integer.parseInt(range[0]), Integer.parseInt(range[1]));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--size " + size + " --items " + items
                    + ": " + e.getMessage());
        }
        PrintWriter console = spec.commandLine().getOut();
        FashionMnist.Found found = data.find();
        console.println(found.message());
        TensorDataset source = split.equals("train") ? FashionMnist.readTraining(found.folder())
                : FashionMnist.readTest(found.folder());
        long start = System.nanoTime();
        FashionScenes scenes = new FashionScenes(source, count, seed.value(), config);
        List<FashionScenes.Scene> made = new ArrayList<>(count);
        int itemCount = 0;
        for (int i = 0; i < count; i++) {
            made.add(scenes.scene(i));
            itemCount += made.get(i).items().size();
        }
        Coco.write(out, made, FashionScenes.CLASSES);
        console.printf(Locale.ROOT, "wrote %s (%dx%d, %s items, %s in all, seed %d) from the %s images to %s: %s and "
                + "images/ in %.1f s%n", Numbers.count(count, split + " scene"), size, size, items, Numbers.count(itemCount, "item"),
                seed.value(), split, out, Coco.INSTANCES, (System.nanoTime() - start) / 1e9);
        console.flush();
        return 0;
    }
}
