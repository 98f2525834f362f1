package fovea.cli.classify;

import fovea.cli.Cli;
import fovea.models.ModelConfig;
import fovea.nn.Module;
import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fovea predict}: image files to their top-k classes with probabilities. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify image files (PNG, JPEG) with saved weights.",
            "Prints each image's top-k classes and their probabilities. Images are scaled to the model's input, "
                + "grayscale and 28x28 for Fashion-MNIST; like Fashion-MNIST they should show a light object on a dark "
                + "background (use --invert for a dark object on a light one)."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WeightsOptions weights;

    @Option(names = "--top", description = "classes to show per image (default: ${DEFAULT-VALUE}, or every class of a model with fewer)", defaultValue = "3")
    private int top;

    @Option(names = "--invert", description = "invert the images (a dark object on a light background)")
    private boolean invert;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files")
    private List<Path> images;

    @Override public Integer call() throws Exception {
        Cli.require(spec, top >= 1, "--top", ">= 1", top);
        for (Path image : images) {
            if (!Files.isRegularFile(image)) throw new ParameterException(spec.commandLine(), "no image file at " + image);
        }
        WeightsOptions.Loaded loaded = weights.load(spec);
        ModelConfig config = loaded.config();
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--top");
        if (!given) top = Math.min(top, config.classes());          // the default shows at most every class
        Cli.require(spec, top <= config.classes(), "--top", "in [1, " + config.classes() + "]", top);
        Module model = loaded.module();
        PrintWriter out = spec.commandLine().getOut();
        for (Path image : images) {
            Tensor probabilities;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                probabilities = model.call(read(image, config)).softmax(-1);
            }
            float[] p = probabilities.toArray();
            Integer[] order = new Integer[p.length];
            for (int i = 0; i < p.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
            StringBuilder line = new StringBuilder(image.toString()).append(':');
            for (int k = 0; k < top; k++) {
                line.append(String.format(Locale.ROOT, "  %s %.4f", loaded.classes().get(order[k]), p[order[k]]));
            }
            out.println(line);
        }
        out.flush();
        return 0;
    }

    /** A [1, C, H, W] tensor of the image, grey or colour as the model takes it, scaled to its size and to [0, 1]. */
    private Tensor read(Path file, ModelConfig config) throws IOException {
        BufferedImage source;
        try {
            source = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not an image this JDK can read (" + e.getMessage() + ")", e);
        }
        if (source == null) throw new IOException(file + ": not a PNG or JPEG image this JDK can read");
        int channels = config.channels();
        BufferedImage gray = new BufferedImage(config.width(), config.height(),
                channels == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = gray.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(source, 0, 0, config.width(), config.height(), null);
        graphics.dispose();
        int plane = config.width() * config.height();
        float[] pixels = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < config.height(); y++) {
                for (int x = 0; x < config.width(); x++) {
                    float value = (gray.getRaster().getSample(x, y, c)) / 255f;
                    pixels[c * plane + y * config.width() + x] = invert ? 1 - value : value;
                }
            }
        }
        return Tensor.of(pixels, 1, channels, config.height(), config.width());
    }
}
