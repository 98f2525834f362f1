package fovea.data;

import fovea.tensor.Tensor;
import java.util.Arrays;

/**
 * An image with its annotations, for segmentation, detection and keypoint tasks: the image [C, H, W]; optionally a
 * mask [H, W] of class indices (whole numbers >= 0); optionally boxes [K, 4] as x1, y1, x2, y2 in pixels with one
 * class label per box; optionally keypoints [K, P, 3] as x, y, visibility for each box (COCO's layout, visibility 0
 * meaning not labelled, with x = y = 0). Pixel (x, y) covers [x, x + 1) x [y, y + 1), so the box of an object on
 * columns a..b and rows c..d is (a, c, b + 1, d + 1). The geometric operations move every part together, as
 * torchvision.transforms.v2 does with its image, mask, bounding-box and keypoint types.
 */
public record AnnotatedImage(Tensor image, Tensor mask, Tensor boxes, int[] boxLabels, Tensor keypoints) {
    /** Checks that every part present matches the image and the boxes. */
    public AnnotatedImage {
        Images.checkImage("AnnotatedImage", image);
        int height = image.size(1);
        int width = image.size(2);
        if (mask != null) {
            if (mask.rank() != 2 || mask.size(0) != height || mask.size(1) != width) {
                throw new IllegalArgumentException("AnnotatedImage: expected a mask [" + height + ", " + width
                        + "] like the image " + image.shape() + "; got " + mask.shape());
            }
            float[] classes = mask.toArray();
            for (int i = 0; i < classes.length; i++) {
                if (!(classes[i] >= 0 && classes[i] == Math.rint(classes[i]))) {
                    throw new IllegalArgumentException("AnnotatedImage: mask values must be class indices, whole numbers >= 0; got "
                            + classes[i] + " at row " + i / width + ", column " + i % width);
                }
            }
        }
        if ((boxes == null) != (boxLabels == null)) {
            throw new IllegalArgumentException("AnnotatedImage: boxes and their labels come together; got "
                    + (boxes == null ? "labels without boxes" : "boxes without labels"));
        }
        if (boxes != null) {
            checkBoxes(boxes, boxLabels);
            boxLabels = boxLabels.clone();
        }
        if (keypoints != null) {
            int count = boxes == null ? -1 : boxes.size(0);
            if (keypoints.rank() != 3 || keypoints.size(0) != count || keypoints.size(2) != 3) {
                throw new IllegalArgumentException("AnnotatedImage: expected keypoints [K, P, 3] (x, y, visibility) for the "
                        + (count < 0 ? "boxes, which are missing" : count + " boxes") + "; got " + keypoints.shape());
            }
        }
    }

    private static void checkBoxes(Tensor boxes, int[] labels) {
        if (boxes.rank() != 2 || boxes.size(1) != 4 || boxes.size(0) != labels.length) {
            throw new IllegalArgumentException("AnnotatedImage: expected boxes [K, 4] (x1, y1, x2, y2) and K labels; got "
                    + boxes.shape() + " and " + labels.length + " labels");
        }
        float[] b = boxes.toArray();
        for (int k = 0; k < labels.length; k++) {
            boolean finite = Float.isFinite(b[4 * k]) && Float.isFinite(b[4 * k + 1]) && Float.isFinite(b[4 * k + 2])
                    && Float.isFinite(b[4 * k + 3]);
            if (!finite || b[4 * k + 2] < b[4 * k] || b[4 * k + 3] < b[4 * k + 1] || labels[k] < 0) {
                throw new IllegalArgumentException("AnnotatedImage: box " + k + " must be finite with x1 <= x2, y1 <= y2 and "
                        + "a label >= 0; got " + Arrays.toString(Arrays.copyOfRange(b, 4 * k, 4 * k + 4)) + " label " + labels[k]);
            }
        }
    }

    /** An image without annotations. */
    public static AnnotatedImage of(Tensor image) {
        return new AnnotatedImage(image, null, null, null, null);
    }

    /** The same example with the image replaced (a colour change: the geometry must stay). */
    public AnnotatedImage withImage(Tensor value) {
        return new AnnotatedImage(value, mask, boxes, boxLabels, keypoints);
    }

    /** The same example with a mask [H, W] of class indices. */
    public AnnotatedImage withMask(Tensor value) {
        return new AnnotatedImage(image, value, boxes, boxLabels, keypoints);
    }

    /** The same example with boxes [K, 4] (x1, y1, x2, y2 in pixels) and their labels; any keypoints are dropped. */
    public AnnotatedImage withBoxes(Tensor value, int[] labels) {
        return new AnnotatedImage(image, mask, value, labels, null);
    }

    /** The same example with keypoints [K, P, 3] (x, y, visibility) for its K boxes. */
    public AnnotatedImage withKeypoints(Tensor value) {
        return new AnnotatedImage(image, mask, boxes, boxLabels, value);
    }

    /** A copy of the box labels, or null without boxes. */
    @Override public int[] boxLabels() {
        return boxLabels == null ? null : boxLabels.clone();
    }

    /** The image height H. */
    public int height() {
        return image.size(1);
    }

    /** The image width W. */
    public int width() {
        return image.size(2);
    }

    /** The number of boxes K, 0 without boxes. */
    public int boxCount() {
        return boxLabels == null ? 0 : boxLabels.length;
    }

    /**
     * Mirrored left to right: pixel column x goes to W - 1 - x, a box's x1, x2 to W - x2, W - x1 and a keypoint's x
     * to W - x, as torchvision's; keypoints are then reordered so that new keypoint p is old keypoint
     * {@code keypointFlip[p]} (COCO's left and right joints swap), or kept in order when it is null.
     */
    public AnnotatedImage flipHorizontally(int[] keypointFlip) {
        int width = width();
        Tensor newBoxes = null;
        if (boxes != null) {
            float[] b = boxes.toArray();
            for (int k = 0; k < boxCount(); k++) {
                float x1 = b[4 * k];
                b[4 * k] = width - b[4 * k + 2];
                b[4 * k + 2] = width - x1;
            }
            newBoxes = Tensor.of(b, boxes.shape());
        }
        Tensor newKeypoints = keypoints == null ? null : flipKeypoints(keypoints, 0, width, keypointFlip);
        return new AnnotatedImage(HorizontalFlip.mirror(image), mask == null ? null : HorizontalFlip.mirror(mask),
                newBoxes, boxLabels, newKeypoints);
    }

    /** Mirrored left to right, keypoints kept in order. */
    public AnnotatedImage flipHorizontally() {
        return flipHorizontally(null);
    }

    /** Turned upside down: row y goes to H - 1 - y, a box's y1, y2 to H - y2, H - y1, a keypoint's y to H - y. */
    public AnnotatedImage flipVertically() {
        int height = height();
        Tensor newBoxes = null;
        if (boxes != null) {
            float[] b = boxes.toArray();
            for (int k = 0; k < boxCount(); k++) {
                float y1 = b[4 * k + 1];
                b[4 * k + 1] = height - b[4 * k + 3];
                b[4 * k + 3] = height - y1;
            }
            newBoxes = Tensor.of(b, boxes.shape());
        }
        Tensor newKeypoints = keypoints == null ? null : flipKeypoints(keypoints, 1, height, null);
        return new AnnotatedImage(Images.flipVertical(image), mask == null ? null : Images.flipVertical(mask), newBoxes,
                boxLabels, newKeypoints);
    }

    private static Tensor flipKeypoints(Tensor keypoints, int axis, int extent, int[] permutation) {
        int count = keypoints.size(0);
        int points = keypoints.size(1);
        if (permutation != null && !isPermutation(permutation, points)) {
            throw new IllegalArgumentException("AnnotatedImage.flipHorizontally: keypointFlip must be a permutation of 0.."
                    + (points - 1) + "; got " + Arrays.toString(permutation));
        }
        float[] in = keypoints.toArray();
        float[] out = new float[in.length];
        for (int k = 0; k < count; k++) {
            for (int p = 0; p < points; p++) {
                int from = (k * points + (permutation == null ? p : permutation[p])) * 3;
                int to = (k * points + p) * 3;
                System.arraycopy(in, from, out, to, 3);
                if (out[to + 2] > 0) out[to + axis] = extent - out[to + axis];
            }
        }
        return Tensor.of(out, keypoints.shape());
    }

    private static boolean isPermutation(int[] values, int n) {
        if (values.length != n) return false;
        boolean[] seen = new boolean[n];
        for (int v : values) {
            if (v < 0 || v >= n || seen[v]) return false;
            seen[v] = true;
        }
        return true;
    }

    /** The window of rows top..top+height-1 and columns left..left+width-1, the mask padded with 0 outside the image. */
    public AnnotatedImage crop(int top, int left, int height, int width) {
        return crop(top, left, height, width, 0);
    }

    /**
     * The window of rows top..top+height-1 and columns left..left+width-1: the image padded with 0 and the mask with
     * {@code maskFill} where the window leaves the image (255 is the usual "ignore" class); boxes moved and clipped
     * to the window, those left empty (no area) dropped with their labels and keypoints; a keypoint that leaves the
     * window becomes (0, 0, 0), not labelled.
     */
    public AnnotatedImage crop(int top, int left, int height, int width, float maskFill) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("AnnotatedImage.crop: height and width must be >= 1; got " + height + "x" + width);
        }
        Tensor newImage = Images.crop(image, top, left, height, width, 0);
        Tensor newMask = mask == null ? null : Images.crop(mask, top, left, height, width, maskFill);
        if (boxes == null) return new AnnotatedImage(newImage, newMask, null, null, null);
        float[] b = boxes.toArray();
        int count = boxCount();
        int[] kept = new int[count];
        int keptCount = 0;
        for (int k = 0; k < count; k++) {
            float x1 = clamp(b[4 * k] - left, width);
            float y1 = clamp(b[4 * k + 1] - top, height);
            float x2 = clamp(b[4 * k + 2] - left, width);
            float y2 = clamp(b[4 * k + 3] - top, height);
            if (x2 <= x1 || y2 <= y1) continue;
            b[4 * keptCount] = x1;
            b[4 * keptCount + 1] = y1;
            b[4 * keptCount + 2] = x2;
            b[4 * keptCount + 3] = y2;
            kept[keptCount++] = k;
        }
        int[] labels = new int[keptCount];
        for (int i = 0; i < keptCount; i++) labels[i] = boxLabels[kept[i]];
        Tensor newBoxes = Tensor.of(Arrays.copyOf(b, 4 * keptCount), keptCount, 4);
        Tensor newKeypoints = null;
        if (keypoints != null) {
            int points = keypoints.size(1);
            float[] in = keypoints.toArray();
            float[] out = new float[keptCount * points * 3];
            for (int i = 0; i < keptCount; i++) {
                for (int p = 0; p < points; p++) {
                    int from = (kept[i] * points + p) * 3;
                    float x = in[from] - left;
                    float y = in[from + 1] - top;
                    boolean inside = in[from + 2] > 0 && x >= 0 && x < width && y >= 0 && y < height;
                    if (!inside) continue; // COCO's convention for a keypoint that is not labelled: 0, 0, 0
                    int to = (i * points + p) * 3;
                    out[to] = x;
                    out[to + 1] = y;
                    out[to + 2] = in[from + 2];
                }
            }
            newKeypoints = Tensor.of(out, keptCount, points, 3);
        }
        return new AnnotatedImage(newImage, newMask, newBoxes, labels, newKeypoints);
    }

    private static float clamp(float value, int extent) {
        return Math.min(Math.max(value, 0), extent);
    }

    /**
     * Resized to height x width: the image by antialiased bilinear interpolation, the mask by nearest neighbour
     * (class indices stay whole), boxes and labelled keypoints scaled by width / W across and height / H down.
     */
    public AnnotatedImage resize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("AnnotatedImage.resize: height and width must be >= 1; got " + height + "x" + width);
        }
        float scaleX = (float) width / width();
        float scaleY = (float) height / height();
        Tensor newBoxes = null;
        if (boxes != null) {
            float[] b = boxes.toArray();
            for (int i = 0; i < b.length; i++) b[i] *= i % 2 == 0 ? scaleX : scaleY;
            newBoxes = Tensor.of(b, boxes.shape());
        }
        Tensor newKeypoints = null;
        if (keypoints != null) {
            float[] points = keypoints.toArray();
            for (int i = 0; i < points.length; i += 3) {
                if (points[i + 2] <= 0) continue;
                points[i] *= scaleX;
                points[i + 1] *= scaleY;
            }
            newKeypoints = Tensor.of(points, keypoints.shape());
        }
        return new AnnotatedImage(Images.resizeBilinear(image, height, width),
                mask == null ? null : Images.resizeNearest(mask, height, width), newBoxes, boxLabels, newKeypoints);
    }

    @Override public String toString() {
        return "AnnotatedImage(image=" + image.shape() + (mask == null ? "" : ", mask") + (boxes == null ? ""
                : ", " + boxCount() + " boxes") + (keypoints == null ? "" : ", " + keypoints.size(1) + " keypoints per box") + ")";
    }
}
