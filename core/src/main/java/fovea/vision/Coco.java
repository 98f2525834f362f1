package fovea.vision;

import fovea.data.AnnotatedImage;
import fovea.io.Json;
import fovea.io.TextFiles;
import fovea.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Scenes in COCO's layout, the format users' own detection and segmentation data come in: a folder with
 * {@code instances.json} (images, categories, annotations with {@code bbox} [x, y, w, h], {@code area},
 * {@code category_id} and {@code segmentation} as uncompressed RLE) and the images beside it under
 * {@code images/}. The reader is strict: a missing image, a box outside its image, an unknown category or a mask of
 * the wrong size is one error naming the file and the entry.
 */
public final class Coco {
    /** The annotations file of a COCO folder. */
    public static final String INSTANCES = "instances.json";

    private Coco() {}

    /** What a COCO folder holds: the category names by id (index 0, the background, unnamed in COCO), and the images. */
    public record Data(List<String> classes, List<String> files, List<AnnotatedImage> images) {}

    /**
     * Writes {@code scenes} to {@code folder} as PNG images and one {@code instances.json}, each atomically;
     * {@code classes} names the categories, index 0 being the background (not a COCO category).
     */
    public static void write(Path folder, List<FashionScenes.Scene> scenes, List<String> classes) throws IOException {
        Files.createDirectories(folder.resolve("images"));
        List<Object> images = new ArrayList<>();
        List<Object> annotations = new ArrayList<>();
        int annotationId = 1;
        for (int i = 0; i < scenes.size(); i++) {
            FashionScenes.Scene scene = scenes.get(i);
            Tensor image = scene.annotated().image();
            int height = image.size(1);
            int width = image.size(2);
            String file = String.format("images/%06d.png", i);
            TextFiles.write(folder.resolve(file), png(image));
            images.add(object("id", i + 1, "file_name", file, "width", width, "height", height));
            float[] instances = scene.instances().toArray();
            for (int k = 0; k < scene.items().size(); k++) {
                FashionScenes.Item item = scene.items().get(k);
                boolean[] mask = new boolean[instances.length];
                for (int p = 0; p < mask.length; p++) mask[p] = instances[p] == k + 1;
                int[] box = item.box();
                annotations.add(object("id", annotationId++, "image_id", i + 1, "category_id", item.label(),
                        "bbox", List.of(box[0], box[1], box[2] - box[0], box[3] - box[1]), "area", item.visiblePixels(),
                        "iscrowd", 0, "segmentation", object("counts", rle(mask, height, width), "size", List.of(height, width))));
            }
        }
        List<Object> categories = new ArrayList<>();
        for (int c = 1; c < classes.size(); c++) categories.add(object("id", c, "name", classes.get(c)));
        TextFiles.write(folder.resolve(INSTANCES), Json.write(object("images", images, "categories", categories,
                "annotations", annotations)) + "\n");
    }

    /** Reads a COCO folder; each image's mask paints its annotations' categories in order, later over earlier. */
    public static Data read(Path folder) throws IOException {
        Path json = folder.resolve(INSTANCES);
        if (!Files.isRegularFile(json)) throw new IOException("coco: no " + INSTANCES + " in " + folder);
        Map<?, ?> root;
        try {
            root = (Map<?, ?>) Json.parse(Files.readString(json), json.toString());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("coco: " + json + ": " + e.getMessage(), e);
        }
        String source = "coco: " + json;
        Map<Integer, String> names = new LinkedHashMap<>();
        int maxCategory = 0;
        for (Object entry : list(root, "categories", source)) {
            Map<?, ?> category = (Map<?, ?>) entry;
            int id = whole(category, "id", source + ": category");
            names.put(id, String.valueOf(category.get("name")));
            maxCategory = Math.max(maxCategory, id);
        }
        List<String> classes = new ArrayList<>();
        classes.add("background");
        for (int c = 1; c <= maxCategory; c++) classes.add(names.getOrDefault(c, "category " + c));
        Map<Integer, Integer> indexOfImage = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        List<float[]> pixels = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        for (Object entry : list(root, "images", source)) {
            Map<?, ?> image = (Map<?, ?>) entry;
            int id = whole(image, "id", source + ": image");
            String file = String.valueOf(image.get("file_name"));
            String where = source + ": image " + id + " (" + file + ")";
            int width = whole(image, "width", where);
            int height = whole(image, "height", where);
            Path path = folder.resolve(file);
            if (!Files.isRegularFile(path)) throw new IOException(where + ": no such file " + path);
            BufferedImage read = ImageIO.read(path.toFile());
            if (read == null) throw new IOException(where + ": not an image this JDK can read");
            if (read.getWidth() != width || read.getHeight() != height) {
                throw new IOException(where + ": the file is " + read.getWidth() + "x" + read.getHeight() + ", the entry says "
                        + width + "x" + height);
            }
            indexOfImage.put(id, files.size());
            files.add(file);
            pixels.add(rgb(read));
            sizes.add(new int[] {height, width});
        }
        List<float[]> masks = new ArrayList<>();
        List<List<float[]>> boxes = new ArrayList<>();
        List<List<Integer>> labels = new ArrayList<>();
        for (int[] size : sizes) {
            masks.add(new float[size[0] * size[1]]);
            boxes.add(new ArrayList<>());
            labels.add(new ArrayList<>());
        }
        for (Object entry : list(root, "annotations", source)) {
            Map<?, ?> annotation = (Map<?, ?>) entry;
            String where = source + ": annotation " + number(annotation.get("id"));
            Integer index = indexOfImage.get(whole(annotation, "image_id", where));
            if (index == null) throw new IOException(where + ": image_id " + number(annotation.get("image_id")) + " names no image");
            int category = whole(annotation, "category_id", where);
            if (!names.containsKey(category)) {
                throw new IOException(where + ": category_id " + category + " is not among the categories " + names.keySet());
            }
            int height = sizes.get(index)[0];
            int width = sizes.get(index)[1];
            List<?> bbox = annotation.get("bbox") instanceof List<?> b ? b : List.of();
            if (bbox.size() != 4 || !bbox.stream().allMatch(v -> v instanceof Double)) {
                throw new IOException(where + ": expected bbox [x, y, w, h]; got " + annotation.get("bbox"));
            }
            float x = ((Double) bbox.get(0)).floatValue(), y = ((Double) bbox.get(1)).floatValue();
            float w = ((Double) bbox.get(2)).floatValue(), h = ((Double) bbox.get(3)).floatValue();
            if (!(x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= width && y + h <= height)) {
                throw new IOException(where + ": bbox " + bbox + " lies outside the " + width + "x" + height + " image "
                        + files.get(index));
            }
            boxes.get(index).add(new float[] {x, y, x + w, y + h});
            labels.get(index).add(category);
            boolean[] mask = decode(annotation.get("segmentation"), height, width, where + " of image " + files.get(index));
            float[] classMask = masks.get(index);
            for (int p = 0; p < mask.length; p++) if (mask[p]) classMask[p] = category;
        }
        List<AnnotatedImage> images = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            int height = sizes.get(i)[0];
            int width = sizes.get(i)[1];
            int count = boxes.get(i).size();
            float[] flat = new float[count * 4];
            for (int k = 0; k < count; k++) System.arraycopy(boxes.get(i).get(k), 0, flat, 4 * k, 4);
            images.add(new AnnotatedImage(Tensor.of(pixels.get(i), 3, height, width), Tensor.of(masks.get(i), height, width),
                    Tensor.of(flat, count, 4), labels.get(i).stream().mapToInt(Integer::intValue).toArray(), null));
        }
        return new Data(List.copyOf(classes), List.copyOf(files), List.copyOf(images));
    }

    /** COCO's uncompressed RLE of a row-major mask: run lengths in column-major order, starting with the zeros. */
    static List<Integer> rle(boolean[] mask, int height, int width) {
        List<Integer> counts = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                if (mask[y * width + x] != current) {
                    counts.add(run);
                    run = 0;
                    current = !current;
                }
                run++;
            }
        }
        counts.add(run);
        return counts;
    }

    private static boolean[] decode(Object segmentation, int height, int width, String where) throws IOException {
        if (!(segmentation instanceof Map<?, ?> rle) || !(rle.get("counts") instanceof List<?> counts)
                || !(rle.get("size") instanceof List<?> size)) {
            throw new IOException(where + ": expected segmentation as uncompressed RLE {counts: [...], size: [h, w]}; got "
                    + segmentation);
        }
        if (size.size() != 2 || !Double.valueOf(height).equals(size.get(0)) || !Double.valueOf(width).equals(size.get(1))) {
            throw new IOException(where + ": the mask's size " + size + " is not the image's [" + height + ", " + width + "]");
        }
        boolean[] mask = new boolean[height * width];
        int position = 0;
        boolean value = false;
        for (Object count : counts) {
            int run = count instanceof Double d && d >= 0 && d == Math.rint(d) ? d.intValue() : -1;
            if (run < 0 || position + run > mask.length) {
                throw new IOException(where + ": the mask's run lengths must be whole numbers >= 0 summing to " + mask.length
                        + " (" + height + "x" + width + "); got " + count + " at pixel " + position);
            }
            for (int i = 0; i < run; i++, position++) {
                if (value) mask[(position % height) * width + position / height] = true;
            }
            value = !value;
        }
        if (position != mask.length) {
            throw new IOException(where + ": the mask's run lengths sum to " + position + "; expected " + mask.length
                    + " (" + height + "x" + width + ")");
        }
        return mask;
    }

    private static List<?> list(Map<?, ?> root, String key, String source) throws IOException {
        if (root.get(key) instanceof List<?> list) return list;
        throw new IOException(source + ": expected a list \"" + key + "\"; got " + root.get(key));
    }

    private static int whole(Map<?, ?> entry, String key, String where) throws IOException {
        if (entry.get(key) instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) return d.intValue();
        throw new IOException(where + ": expected a whole number " + key + "; got " + entry.get(key));
    }

    /** A JSON number as written: 3, not 3.0, for a whole one. */
    private static String number(Object value) {
        return value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.valueOf(value);
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return object;
    }

    /** An image [3, H, W] in [0, 1] as PNG bytes, 8 bits a channel. */
    static byte[] png(Tensor image) throws IOException {
        int height = image.size(1);
        int width = image.size(2);
        float[] v = image.toArray();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < height * width; p++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) rgb = rgb << 8 | Math.round(Math.max(0, Math.min(1, v[c * height * width + p])) * 255);
            out.setRGB(p % width, p / width, rgb);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static float[] rgb(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        float[] v = new float[3 * height * width];
        for (int p = 0; p < height * width; p++) {
            int rgb = image.getRGB(p % width, p / width);
            for (int c = 0; c < 3; c++) v[c * height * width + p] = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f;
        }
        return v;
    }
}
