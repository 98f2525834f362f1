package fovea.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.AnnotatedImage;
import fovea.data.FashionMnist;
import fovea.data.TensorDataset;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fashion scenes: deterministic, every mask pixel owned by one item, boxes tight on the visible pixels, 70% visible. */
class FashionScenesTest {
    private static TensorDataset items;

    @BeforeAll static void readTheSample() throws Exception {
        items = FashionMnist.readTest(Path.of(System.getProperty("fovea.root", ".."), FashionMnist.SAMPLE_FOLDER));
    }

    @Test void aSceneIsAFunctionOfTheSeedAndItsIndex() {
        FashionScenes scenes = new FashionScenes(items, 50, 7, FashionScenes.Config.defaults());
        AnnotatedImage once = scenes.get(13);
        AnnotatedImage again = new FashionScenes(items, 20, 7, FashionScenes.Config.defaults()).get(13);
        assertArrayEquals(once.image().toArray(), again.image().toArray(), 0f, "the count does not change a scene");
        assertArrayEquals(once.mask().toArray(), again.mask().toArray(), 0f);
        assertFalse(java.util.Arrays.equals(once.image().toArray(),
                new FashionScenes(items, 50, 8, FashionScenes.Config.defaults()).get(13).image().toArray()), "another seed");
        assertEquals(11, FashionScenes.CLASSES.size());
        assertEquals("background", FashionScenes.CLASSES.get(0));
    }

    @Test void masksBoxesAndVisibilityAgree() {
        FashionScenes.Config config = FashionScenes.Config.defaults();
        FashionScenes scenes = new FashionScenes(items, 200, 1, config);
        Set<Integer> counts = new HashSet<>();
        int size = config.size();
        for (int i = 0; i < scenes.size(); i++) {
            FashionScenes.Scene scene = scenes.scene(i);
            AnnotatedImage annotated = scene.annotated();
            assertEquals(java.util.List.of(3, size, size), java.util.List.of(annotated.image().size(0),
                    annotated.image().size(1), annotated.image().size(2)));
            float[] image = annotated.image().toArray();
            for (float v : image) assertTrue(v >= 0 && v <= 1, "pixel values in [0, 1]: " + v);
            float[] mask = annotated.mask().toArray();
            int items = scene.items().size();
            counts.add(items);
            assertTrue(items >= 1 && items <= 4, "scene " + i + ": " + items + " items");
            boolean[] inSomeBox = new boolean[mask.length];
            float[] boxes = annotated.boxes().toArray();
            for (int k = 0; k < items; k++) {
                FashionScenes.Item item = scene.items().get(k);
                assertTrue(item.label() >= 1 && item.label() <= 10);
                assertEquals(item.label(), annotated.boxLabels()[k]);
                assertTrue(item.visible() >= config.minVisible(), "scene " + i + " item " + k + " is " + item.visible() + " visible");
                int[] box = item.box();
                for (int c = 0; c < 4; c++) assertEquals(box[c], boxes[4 * k + c], 0f);
                // tight: the item's label touches each edge of its box
                boolean left = false, right = false, top = false, bottom = false;
                for (int y = box[1]; y < box[3]; y++) {
                    for (int x = box[0]; x < box[2]; x++) {
                        if (mask[y * size + x] != item.label()) continue;
                        inSomeBox[y * size + x] = true;
                        left |= x == box[0];
                        right |= x == box[2] - 1;
                        top |= y == box[1];
                        bottom |= y == box[3] - 1;
                    }
                }
                assertTrue(left && right && top && bottom, "scene " + i + " box " + k + " is tight");
            }
            for (int p = 0; p < mask.length; p++) {
                if (mask[p] != 0) assertTrue(inSomeBox[p], "scene " + i + ": labelled pixel " + p + " lies in a box of its class");
            }
        }
        assertEquals(Set.of(1, 2, 3, 4), counts, "1 to 4 items");
    }

    @Test void singleItemScenesAndBadSettings() {
        FashionScenes one = new FashionScenes(items, 20, 3, FashionScenes.Config.defaults().withItems(1, 1).withSize(48));
        for (int i = 0; i < one.size(); i++) {
            assertEquals(1, one.scene(i).items().size());
            assertEquals(1.0, one.scene(i).items().get(0).visible(), "nothing covers a lone item");
        }
        var error = assertThrows(IllegalArgumentException.class, () -> FashionScenes.Config.defaults().withSize(32));
        assertTrue(error.getMessage().contains("28 x maxScale <= size"), error.getMessage());
    }
}
