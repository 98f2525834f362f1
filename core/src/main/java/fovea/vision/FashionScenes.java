package fovea.vision;

import fovea.data.AnnotatedImage;
import fovea.data.Dataset;
import fovea.data.Example;
import fovea.data.FashionMnist;
import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion scenes: a segmentation and detection data set made from real images. Each scene is a colour canvas
 * (64x64 by default) over a textured background (smooth noise, a gradient or stripes) holding 1 to 4 Fashion-MNIST
 * items, each scaled (0.75-1.5x), tinted and placed at random, later items occluding earlier ones, every item at
 * least 70% visible. A pixel's label is its item's class + 1 where the item's scaled intensity exceeds the threshold,
 * else 0 (the background); an item's box is the tight box of its visible pixels. Scene {@code i} is a function of
 * the seed and {@code i} alone, so a data set of any size is the same on every machine; training scenes take their
 * items from Fashion-MNIST's training images and test scenes from its test images (the caller passes those).
 * <pre>{@code
 * FashionScenes train = new FashionScenes(FashionMnist.readTraining(folder), 10_000, 1, FashionScenes.Config.defaults());
 * AnnotatedImage scene = train.get(0);      // image [3, 64, 64], mask [64, 64], boxes [K, 4] with labels 1..10
 * }</pre>
 */
public final class FashionScenes implements Dataset<AnnotatedImage> {
    /** The scenes' classes: background, then Fashion-MNIST's ten. */
    public static final List<String> CLASSES;

    static {
        List<String> classes = new ArrayList<>(List.of("background"));
        classes.addAll(FashionMnist.CLASSES);
        CLASSES = List.copyOf(classes);
    }

    private static final int ITEM = 28;
    private static final int PLACEMENT_TRIES = 60;

    /**
     * How scenes are made: the canvas side, the item count range, the scale range, the visible fraction every item
     * keeps, and the intensity above which an item's pixel is labelled.
     */
    public record Config(int size, int minItems, int maxItems, double minScale, double maxScale, double minVisible,
                         float threshold) {
        /** Checks the ranges. */
        public Config {
            if (size < 32 || minItems < 1 || maxItems < minItems || !(minScale > 0) || maxScale < minScale
                    || !(minVisible > 0 && minVisible <= 1) || !(threshold > 0 && threshold < 1)
                    || Math.round(ITEM * maxScale) > size) {
                throw new IllegalArgumentException("FashionScenes.Config: expected size >= 32, 1 <= minItems <= maxItems, "
                        + "0 < minScale <= maxScale with 28 x maxScale <= size, minVisible in (0, 1], threshold in (0, 1); got "
                        + "size " + size + ", items " + minItems + ":" + maxItems + ", scale " + minScale + ":" + maxScale
                        + ", visible " + minVisible + ", threshold " + threshold);
            }
        }

        /** 64x64, 1 to 4 items scaled 0.75-1.5x, each at least 70% visible, labelled above intensity 0.2. */
        public static Config defaults() {
            return new Config(64, 1, 4, 0.75, 1.5, 0.7, 0.2f);
        }

        /** The same with a canvas of {@code value} pixels a side. */
        public Config withSize(int value) {
            return new Config(value, minItems, maxItems, minScale, maxScale, minVisible, threshold);
        }

        /** The same with {@code min} to {@code max} items a scene. */
        public Config withItems(int min, int max) {
            return new Config(size, min, max, minScale, maxScale, minVisible, threshold);
        }
    }

    /** One item as placed: its class (1..10), its source image, its tight box of visible pixels, and its pixel counts. */
    public record Item(int label, int source, int[] box, int pixels, int visiblePixels) {
        /** The fraction of the item's labelled pixels that no later item covers. */
        public double visible() {
            return visiblePixels / (double) pixels;
        }
    }

    /**
     * A scene and how it was made: the annotated image, its items in the order placed, and the instance map [H, W]
     * (k + 1 where item k shows, 0 on the background), from which each item's own mask follows.
     */
    public record Scene(AnnotatedImage annotated, List<Item> items, Tensor instances) {}

    private final Dataset<Example> source;
    private final int count;
    private final long seed;
    private final Config config;

    /** {@code count} scenes of items from {@code source} (Fashion-MNIST images [1, 28, 28] in [0, 1]), from {@code seed}. */
    public FashionScenes(Dataset<Example> source, int count, long seed, Config config) {
        if (source == null || source.size() == 0 || count < 0 || config == null) {
            throw new IllegalArgumentException("FashionScenes: expected item images, a count >= 0 and a config; got "
                    + (source == null ? "no images" : source.size() + " images") + ", count " + count + ", " + config);
        }
        Tensor first = source.get(0).features();
        if (first.rank() != 3 || first.size(0) != 1 || first.size(1) != ITEM || first.size(2) != ITEM) {
            throw new IllegalArgumentException("FashionScenes: expected item images [1, 28, 28]; got " + first.shape());
        }
        this.source = source;
        this.count = count;
        this.seed = seed;
        this.config = config;
    }

    @Override public int size() {
        return count;
    }

    @Override public AnnotatedImage get(int index) {
        return scene(index).annotated();
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** Scene {@code index} with its items, made from the seed and the index alone. */
    public Scene scene(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("FashionScenes: scene " + index + " of " + count);
        }
        Generator random = new Generator(seed * 0x9E3779B97F4A7C15L + index);
        int size = config.size();
        float[] image = Backgrounds.texture(random, size);
        int[] owner = new int[size * size];                 // 1 + the index of the item a pixel shows, or 0
        List<int[]> placed = new ArrayList<>();             // per item: its labelled pixels' positions
        List<Integer> labels = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        int wanted = config.minItems() + random.nextInt(config.maxItems() - config.minItems() + 1);
        for (int attempt = 0; placed.size() < wanted && attempt < 4 * wanted; attempt++) {
            int sourceIndex = random.nextInt(source.size());
            Example example = source.get(sourceIndex);
            int side = (int) Math.round(ITEM * (config.minScale() + random.nextDouble() * (config.maxScale() - config.minScale())));
            float[] alpha = resize(example.features().toArray(), side);
            float[] tint = {0.55f + 0.45f * random.nextFloat(), 0.55f + 0.45f * random.nextFloat(), 0.55f + 0.45f * random.nextFloat()};
            int[] position = place(random, alpha, side, owner, placed);
            if (position == null) continue;                 // nowhere leaves every earlier item 70% visible
            int item = placed.size();
            List<Integer> pixels = new ArrayList<>();
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float a = alpha[y * side + x];
                    if (a <= 0) continue;
                    int p = (position[1] + y) * size + position[0] + x;
                    for (int c = 0; c < 3; c++) image[c * size * size + p] = (1 - a) * image[c * size * size + p] + a * tint[c];
                    if (a > config.threshold()) {
                        owner[p] = item + 1;
                        pixels.add(p);
                    }
                }
            }
            placed.add(pixels.stream().mapToInt(Integer::intValue).toArray());
            labels.add(example.label() + 1);
            sources.add(sourceIndex);
        }
        return annotate(image, owner, placed, labels, sources);
    }

    /**
     * A position (x, y) for an item whose labelled pixels take no more than the allowed share of any earlier item,
     * or null after {@link #PLACEMENT_TRIES} tries.
     */
    private int[] place(Generator random, float[] alpha, int side, int[] owner, List<int[]> placed) {
        int size = config.size();
        for (int t = 0; t < PLACEMENT_TRIES; t++) {
            int x0 = random.nextInt(size - side + 1);
            int y0 = random.nextInt(size - side + 1);
            int[] covered = new int[placed.size() + 1];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (alpha[y * side + x] > config.threshold()) covered[owner[(y0 + y) * size + x0 + x]]++;
                }
            }
            boolean fits = true;
            for (int j = 0; j < placed.size() && fits; j++) {
                int[] pixels = placed.get(j);
                int visibleNow = 0;
                for (int p : pixels) if (owner[p] == j + 1) visibleNow++;
                fits = visibleNow - covered[j + 1] >= config.minVisible() * pixels.length;
            }
            if (fits) return new int[] {x0, y0};
        }
        return null;
    }

    private Scene annotate(float[] image, int[] owner, List<int[]> placed, List<Integer> labels, List<Integer> sources) {
        int size = config.size();
        float[] mask = new float[size * size];
        for (int p = 0; p < owner.length; p++) mask[p] = owner[p] == 0 ? 0 : labels.get(owner[p] - 1);
        List<Item> items = new ArrayList<>();
        float[] boxes = new float[placed.size() * 4];
        int[] boxLabels = new int[placed.size()];
        for (int k = 0; k < placed.size(); k++) {
            int x1 = size, y1 = size, x2 = -1, y2 = -1, visible = 0;
            for (int p : placed.get(k)) {
                if (owner[p] != k + 1) continue;
                visible++;
                x1 = Math.min(x1, p % size);
                y1 = Math.min(y1, p / size);
                x2 = Math.max(x2, p % size);
                y2 = Math.max(y2, p / size);
            }
            int[] box = {x1, y1, x2 + 1, y2 + 1};
            for (int c = 0; c < 4; c++) boxes[4 * k + c] = box[c];
            boxLabels[k] = labels.get(k);
            items.add(new Item(labels.get(k), sources.get(k), box, placed.get(k).length, visible));
        }
        AnnotatedImage annotated = new AnnotatedImage(Tensor.of(image, 3, size, size), Tensor.of(mask, size, size),
                Tensor.of(boxes, placed.size(), 4), boxLabels, null);
        float[] instances = new float[owner.length];
        for (int p = 0; p < owner.length; p++) instances[p] = owner[p];
        return new Scene(annotated, List.copyOf(items), Tensor.of(instances, size, size));
    }

    /** A [28 x 28] intensity image resized to side x side by bilinear sampling at pixel centres. */
    private static float[] resize(float[] values, int side) {
        float[] out = new float[side * side];
        double scale = ITEM / (double) side;
        for (int y = 0; y < side; y++) {
            double sy = Math.max(0, Math.min(ITEM - 1, (y + 0.5) * scale - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(ITEM - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < side; x++) {
                double sx = Math.max(0, Math.min(ITEM - 1, (x + 0.5) * scale - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(ITEM - 1, x0 + 1);
                double fx = sx - x0;
                double top = values[y0 * ITEM + x0] * (1 - fx) + values[y0 * ITEM + x1] * fx;
                double bottom = values[y1 * ITEM + x0] * (1 - fx) + values[y1 * ITEM + x1] * fx;
                out[y * side + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
