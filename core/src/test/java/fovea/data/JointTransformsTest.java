package fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.tensor.Generator;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Joint flips, crops and resizes of an image with its mask, boxes and keypoints, every transformed box checked
 * against the pixels of its object in the transformed mask.
 */
class JointTransformsTest {
    private static final int H = 24;
    private static final int W = 32;
    /** Objects as rectangles: class label, first column, first row, last column, last row (inclusive). */
    private static final int[][] OBJECTS = {
        {1, 0, 0, 4, 3},      // the top-left corner
        {2, 27, 5, 31, 9},    // touching the right edge
        {3, 10, 10, 19, 15},  // the middle, larger than what some crops keep
        {4, 2, 18, 3, 23},    // a thin one at the bottom left
        {5, 22, 20, 22, 20},  // one pixel
    };

    /**
     * The scene: the mask holds each object's class; the image's channel 0 repeats the mask, channels 1 and 2 hold
     * each pixel's original column and row, so a transformed image tells where each of its pixels came from.
     */
    static AnnotatedImage scene() {
        float[] mask = new float[H * W];
        float[] image = new float[3 * H * W];
        float[] boxes = new float[4 * OBJECTS.length];
        int[] labels = new int[OBJECTS.length];
        float[] keypoints = new float[3 * OBJECTS.length];
        for (int k = 0; k < OBJECTS.length; k++) {
            int[] o = OBJECTS[k];
            for (int y = o[2]; y <= o[4]; y++) for (int x = o[1]; x <= o[3]; x++) mask[y * W + x] = o[0];
            boxes[4 * k] = o[1];
            boxes[4 * k + 1] = o[2];
            boxes[4 * k + 2] = o[3] + 1;
            boxes[4 * k + 3] = o[4] + 1;
            labels[k] = o[0];
            // One keypoint per object, at the centre of its top-left pixel.
            keypoints[3 * k] = o[1] + 0.5f;
            keypoints[3 * k + 1] = o[2] + 0.5f;
            keypoints[3 * k + 2] = 2;
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image[y * W + x] = mask[y * W + x];
                image[H * W + y * W + x] = x;
                image[2 * H * W + y * W + x] = y;
            }
        }
        return AnnotatedImage.of(Tensor.of(image, 3, H, W)).withMask(Tensor.of(mask, H, W))
                .withBoxes(Tensor.of(boxes, OBJECTS.length, 4), labels).withKeypoints(Tensor.of(keypoints, OBJECTS.length, 1, 3));
    }

    /** What one check saw: whether the result was mirrored, and how many boxes were clipped or dropped. */
    private record Seen(boolean mirrored, int clipped, int dropped) {}

    /**
     * Checks a transformed scene against itself: the image's class channel equals the mask, every pixel's source
     * holds that class in the original mask, the pixel sources step by one pixel (mirrored or not), every box equals
     * the bounding box of its class's pixels in the mask and a class with no pixels left has no box, and each
     * keypoint sits on its source pixel or, that pixel cut away, is (0, 0, 0).
     */
    private static Seen check(AnnotatedImage result) {
        AnnotatedImage original = scene();
        int h = result.height();
        int w = result.width();
        float[] image = result.image().toArray();
        float[] mask = result.mask().toArray();
        float[] originalMask = original.mask().toArray();
        float step = w > 1 ? image[h * w + 1] - image[h * w] : 1;
        assertTrue(step == 1 || step == -1, "adjacent columns come from adjacent columns; got a step of " + step);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                int sourceX = (int) image[h * w + at];
                int sourceY = (int) image[2 * h * w + at];
                assertEquals(mask[at], image[at], "the image's class channel and the mask moved together at " + y + ", " + x);
                assertEquals(originalMask[sourceY * W + sourceX], mask[at], "the mask at " + y + ", " + x);
                assertEquals(image[h * w] + step * x, sourceX, "column " + x + " of row " + y);
                assertEquals(image[2 * h * w] + y, sourceY, "row " + y + " of column " + x);
            }
        }
        float[] boxes = result.boxes().toArray();
        int[] labels = result.boxLabels();
        float[] keypoints = result.keypoints().toArray();
        int clipped = 0;
        for (int[] object : OBJECTS) {
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (mask[y * w + x] != object[0]) continue;
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
            int box = -1;
            for (int k = 0; k < labels.length; k++) {
                if (labels[k] == object[0]) {
                    assertEquals(-1, box, "one box per object");
                    box = k;
                }
            }
            if (maxX < 0) {
                assertEquals(-1, box, "class " + object[0] + " has no pixels left, so its box is dropped");
                continue;
            }
            assertTrue(box >= 0, "class " + object[0] + " has pixels left, so its box stays");
            assertArrayEquals(new float[] {minX, minY, maxX + 1, maxY + 1}, java.util.Arrays.copyOfRange(boxes, 4 * box, 4 * box + 4),
                    "the box of class " + object[0] + " is the bounding box of its pixels");
            if ((maxX - minX) < object[3] - object[1] || (maxY - minY) < object[4] - object[2]) clipped++;
            int sourceX = object[1];
            int sourceY = object[2];
            int found = -1;
            for (int at = 0; at < h * w; at++) {
                if (image[h * w + at] == sourceX && image[2 * h * w + at] == sourceY) found = at;
            }
            float[] point = java.util.Arrays.copyOfRange(keypoints, 3 * box, 3 * box + 3);
            if (found < 0) {
                assertArrayEquals(new float[] {0, 0, 0}, point, "a keypoint cut away is not labelled");
            } else {
                assertArrayEquals(new float[] {found % w + 0.5f, found / w + 0.5f, 2}, point, "the keypoint of class " + object[0]);
            }
        }
        return new Seen(step == -1, clipped, OBJECTS.length - labels.length);
    }

    @Test void aRandomFlipAndCropMoveTheImageMaskBoxesAndKeypointsTogether() {
        ExampleTransform<AnnotatedImage> transform = JointTransforms.horizontalFlip(0.5).andThen(JointTransforms.randomCrop(16, 20));
        int mirrored = 0;
        int clipped = 0;
        int dropped = 0;
        for (int seed = 0; seed < 200; seed++) {
            AnnotatedImage result = transform.apply(scene(), new Generator(seed));
            assertEquals("[3, 16, 20]", result.image().shape().toString());
            Seen seen = check(result);
            mirrored += seen.mirrored() ? 1 : 0;
            clipped += seen.clipped();
            dropped += seen.dropped();
        }
        assertTrue(mirrored > 60 && mirrored < 140, "about half are mirrored; got " + mirrored);
        assertTrue(clipped > 0 && dropped > 0, "some boxes were clipped (" + clipped + ") and some dropped (" + dropped + ")");
    }

    @Test void aFlipAloneMirrorsEveryPart() {
        AnnotatedImage flipped = scene().flipHorizontally();
        assertTrue(check(flipped).mirrored());
        // Object 1 on columns 0..4 lands on columns 27..31: x1, x2 = 32 - 5, 32 - 0.
        assertArrayEquals(new float[] {27, 0, 32, 4}, java.util.Arrays.copyOf(flipped.boxes().toArray(), 4));
        check(scene().flipVertically().flipVertically());
        AnnotatedImage upsideDown = scene().flipVertically();
        assertArrayEquals(new float[] {0, 20, 5, 24}, java.util.Arrays.copyOf(upsideDown.boxes().toArray(), 4));
        assertEquals(1f, upsideDown.mask().get(23, 0));
        assertEquals(0f, upsideDown.mask().get(19, 0));
    }

    @Test void keypointsAreReorderedByTheFlipPermutation() {
        Tensor image = Tensor.zeros(1, 4, 10);
        Tensor points = Tensor.of(new float[] {1.5f, 1, 2, 8.5f, 1, 2, 0, 0, 0}, 1, 3, 3);  // left, right, not labelled
        AnnotatedImage example = AnnotatedImage.of(image).withBoxes(Tensor.of(new float[] {1, 0, 9, 4}, 1, 4), new int[] {1})
                .withKeypoints(points);
        AnnotatedImage flipped = JointTransforms.horizontalFlip(1, new int[] {1, 0, 2}).apply(example, new Generator(1));
        assertArrayEquals(new float[] {1.5f, 1, 2, 8.5f, 1, 2, 0, 0, 0}, flipped.keypoints().toArray(),
                "the right point, mirrored to 10 - 8.5, is now first; the unlabelled one stays 0, 0, 0");
        assertArrayEquals(new float[] {1, 0, 9, 4}, flipped.boxes().toArray());
    }

    @Test void resizingScalesBoxesWithTheNearestNeighbourMask() {
        AnnotatedImage scene = scene();
        AnnotatedImage larger = scene.resize(2 * H, 2 * W);
        float[] mask = larger.mask().toArray();
        for (int y = 0; y < 2 * H; y++) {
            for (int x = 0; x < 2 * W; x++) assertEquals(scene.mask().get(y / 2, x / 2), mask[y * 2 * W + x]);
        }
        float[] boxes = larger.boxes().toArray();
        float[] expected = scene.boxes().toArray();
        for (int i = 0; i < expected.length; i++) assertEquals(2 * expected[i], boxes[i]);
        assertEquals(1.0f, larger.keypoints().get(0, 0, 0), "the keypoint at 0.5 moves to 1.0");
        AnnotatedImage smaller = scene.resize(H / 2, W / 2);
        assertEquals(3f, smaller.mask().get(5, 5), "nearest reads input pixel floor(i * 2)");
        assertArrayEquals(new float[] {5, 5, 10, 8}, java.util.Arrays.copyOfRange(smaller.boxes().toArray(), 8, 12));
    }

    @Test void aRandomResizedCropKeepsBoxesInsideTheOutput() {
        ExampleTransform<AnnotatedImage> transform = JointTransforms.randomResizedCrop(RandomResizedCrop.of(12));
        for (int seed = 0; seed < 50; seed++) {
            AnnotatedImage result = transform.apply(scene(), new Generator(seed));
            assertEquals("[12, 12]", result.mask().shape().toString());
            float[] boxes = result.boxes().toArray();
            for (int i = 0; i < boxes.length; i++) assertTrue(boxes[i] >= 0 && boxes[i] <= 12, "coordinate " + boxes[i]);
        }
    }

    @Test void aPhotometricTransformTouchesOnlyTheImage() {
        AnnotatedImage scene = scene();
        AnnotatedImage brighter = JointTransforms.photometric((image, random) -> image.add(1)).apply(scene, new Generator(1));
        assertEquals(scene.image().get(1, 3, 4) + 1, brighter.image().get(1, 3, 4));
        assertEquals(scene.boxes(), brighter.boxes());
        assertEquals(scene.mask(), brighter.mask());
        assertEquals("JointTransforms.photometric: RandomCrop[size=4, padding=0] changed the image from [3, 24, 32] to "
                + "[3, 4, 4]; expected a colour change that keeps its size", assertThrows(IllegalArgumentException.class,
                () -> JointTransforms.photometric(new RandomCrop(4, 0)).apply(scene, new Generator(1))).getMessage());
    }

    @Test void collatingStacksImagesAndMasksAndListsBoxesPerImage() {
        List<AnnotatedImage> scenes = new ArrayList<>();
        ExampleTransform<AnnotatedImage> crop = JointTransforms.randomCrop(10, 10);
        for (int seed = 0; seed < 4; seed++) scenes.add(crop.apply(scene(), new Generator(seed)));
        AnnotatedBatch batch = AnnotatedBatch.collate(scenes);
        assertEquals("[4, 3, 10, 10]", batch.images().shape().toString());
        assertEquals("[4, 10, 10]", batch.masks().shape().toString());
        assertEquals(4, batch.boxes().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(scenes.get(i).boxCount(), batch.boxes().get(i).size(0));
            assertArrayEquals(scenes.get(i).boxLabels(), batch.boxLabels().get(i));
        }
        AnnotatedBatch plain = AnnotatedBatch.collate(List.of(AnnotatedImage.of(Tensor.zeros(1, 2, 2))));
        assertNull(plain.masks());
        assertEquals(List.of(), plain.boxes());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> AnnotatedBatch.collate(List.of(scenes.get(0), AnnotatedImage.of(scenes.get(1).image()))));
        assertEquals("AnnotatedBatch.collate: example 1 of the batch is AnnotatedImage(image=[3, 10, 10]); expected the same "
                + "parts as example 0, " + scenes.get(0), mixed.getMessage());
    }

    @Test void theLoaderBatchesAnnotatedImagesAndResumesExactly() {
        Dataset<AnnotatedImage> scenes = new Dataset<>() {
            @Override public int size() {
                return 7;
            }

            @Override public AnnotatedImage get(int index) {
                return scene();
            }
        };
        ExampleTransform<AnnotatedImage> augment = JointTransforms.horizontalFlip(0.5).andThen(JointTransforms.randomCrop(16, 16));
        DataLoader.Config config = DataLoader.Config.training(3, 5);
        List<AnnotatedBatch> full = new ArrayList<>();
        try (var batches = DataLoader.of(scenes, config, augment, AnnotatedBatch::collate).epoch(1)) {
            batches.forEachRemaining(full::add);
        }
        assertEquals(3, full.size());
        assertEquals(1, full.get(2).size());
        try (var batches = DataLoader.of(scenes, config, augment, AnnotatedBatch::collate).epoch(1, 1)) {
            AnnotatedBatch resumed = batches.next();
            assertArrayEquals(full.get(1).images().toArray(), resumed.images().toArray());
            assertArrayEquals(full.get(1).boxes().get(2).toArray(), resumed.boxes().get(2).toArray());
        }
    }

    @Test void inconsistentPartsAreNamed() {
        Tensor image = Tensor.zeros(3, 4, 5);
        assertEquals("AnnotatedImage: expected a mask [4, 5] like the image [3, 4, 5]; got [5, 4]",
                assertThrows(IllegalArgumentException.class, () -> AnnotatedImage.of(image).withMask(Tensor.zeros(5, 4))).getMessage());
        assertEquals("AnnotatedImage: mask values must be class indices, whole numbers >= 0; got 0.5 at row 1, column 2",
                assertThrows(IllegalArgumentException.class, () -> AnnotatedImage.of(image).withMask(Tensor.zeros(4, 5)
                        .add(Tensor.of(new float[] {0, 0, 0, 0, 0, 0, 0, 0.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 4, 5)))).getMessage());
        assertEquals("AnnotatedImage: expected boxes [K, 4] (x1, y1, x2, y2) and K labels; got [2, 4] and 1 labels",
                assertThrows(IllegalArgumentException.class, () -> AnnotatedImage.of(image).withBoxes(Tensor.zeros(2, 4), new int[] {1})).getMessage());
        assertEquals("AnnotatedImage: box 0 must be finite with x1 <= x2, y1 <= y2 and a label >= 0; got [3.0, 0.0, 1.0, 2.0] label 1",
                assertThrows(IllegalArgumentException.class, () -> AnnotatedImage.of(image).withBoxes(
                        Tensor.of(new float[] {3, 0, 1, 2}, 1, 4), new int[] {1})).getMessage());
        assertEquals("AnnotatedImage: expected keypoints [K, P, 3] (x, y, visibility) for the boxes, which are missing; got [1, 2, 3]",
                assertThrows(IllegalArgumentException.class, () -> AnnotatedImage.of(image).withKeypoints(Tensor.zeros(1, 2, 3))).getMessage());
        assertEquals("JointTransforms.randomCrop(8x8): expected an image at least that large; got [3, 4, 5]",
                assertThrows(IllegalArgumentException.class, () -> JointTransforms.randomCrop(8, 8).apply(AnnotatedImage.of(image),
                        new Generator(1))).getMessage());
    }
}
