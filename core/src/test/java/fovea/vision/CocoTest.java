package fovea.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.AnnotatedImage;
import fovea.data.FashionMnist;
import fovea.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COCO folders: written and read back to the same masks, boxes and pixels; every kind of broken entry named. */
class CocoTest {
    @TempDir Path dir;

    private static List<FashionScenes.Scene> scenes(int count) throws IOException {
        FashionScenes made = new FashionScenes(FashionMnist.readTest(Path.of(System.getProperty("fovea.root", ".."),
                FashionMnist.SAMPLE_FOLDER)), count, 5, FashionScenes.Config.defaults());
        List<FashionScenes.Scene> scenes = new ArrayList<>();
        for (int i = 0; i < count; i++) scenes.add(made.scene(i));
        return scenes;
    }

    @Test void runLengthsAreColumnMajorAndStartWithTheZeros() {
        // [[1, 0], [1, 1]]: in column order 1, 1, 0, 1
        assertEquals(List.of(0, 2, 1, 1), Coco.rle(new boolean[] {true, false, true, true}, 2, 2));
        assertEquals(List.of(4), Coco.rle(new boolean[4], 2, 2));
    }

    @Test void aFolderRoundTrips() throws IOException {
        List<FashionScenes.Scene> scenes = scenes(12);
        Coco.write(dir, scenes, FashionScenes.CLASSES);
        Coco.Data read = Coco.read(dir);
        assertEquals(FashionScenes.CLASSES, read.classes());
        assertEquals(12, read.images().size());
        for (int i = 0; i < scenes.size(); i++) {
            AnnotatedImage written = scenes.get(i).annotated();
            AnnotatedImage back = read.images().get(i);
            assertArrayEquals(written.mask().toArray(), back.mask().toArray(), 0f, "scene " + i + ": the class mask");
            assertArrayEquals(written.boxes().toArray(), back.boxes().toArray(), 0f, "scene " + i + ": the boxes");
            assertArrayEquals(written.boxLabels(), back.boxLabels(), "scene " + i + ": the labels");
            assertArrayEquals(written.image().toArray(), back.image().toArray(), 0.5f / 255 + 1e-6f, "8-bit pixels");
        }
    }

    private String broken(Consumer<Map<String, Object>> edit) throws IOException {
        Path folder = Files.createTempDirectory(dir, "broken");
        Coco.write(folder, scenes(3), FashionScenes.CLASSES);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(folder.resolve(Coco.INSTANCES)));
        edit.accept(root);
        Files.writeString(folder.resolve(Coco.INSTANCES), Json.write(root));
        return assertThrows(IOException.class, () -> Coco.read(folder)).getMessage();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> root, String list, int index) {
        return (Map<String, Object>) ((List<Object>) root.get(list)).get(index);
    }

    @Test void aBrokenEntryIsOneErrorNamingIt() throws IOException {
        String missing = broken(root -> entry(root, "images", 1).put("file_name", "images/gone.png"));
        assertTrue(missing.contains("image 2 (images/gone.png): no such file"), missing);
        String outside = broken(root -> entry(root, "annotations", 0).put("bbox", List.of(60.0, 0.0, 10.0, 5.0)));
        assertTrue(outside.contains("annotation 1: bbox [60.0, 0.0, 10.0, 5.0] lies outside the 64x64 image images/000000.png"),
                outside);
        String category = broken(root -> entry(root, "annotations", 0).put("category_id", 12.0));
        assertTrue(category.contains("annotation 1: category_id 12 is not among the categories [1, 2,"), category);
        String size = broken(root -> ((Map<String, Object>) entry(root, "annotations", 0).get("segmentation"))
                .put("size", List.of(32.0, 64.0)));
        assertTrue(size.contains("annotation 1 of image images/000000.png: the mask's size [32.0, 64.0] is not the image's [64, 64]"),
                size);
        String runs = broken(root -> ((Map<String, Object>) entry(root, "annotations", 0).get("segmentation"))
                .put("counts", List.of(5.0, 3.0)));
        assertTrue(runs.contains("the mask's run lengths sum to 8; expected 4096 (64x64)"), runs);
    }
}
