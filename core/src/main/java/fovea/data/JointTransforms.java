package fovea.data;

/**
 * Transforms of an {@link AnnotatedImage} that move the image, its mask, boxes and keypoints together, as
 * torchvision.transforms.v2 applies one transform to all parts of a sample: flips, crops and resizes. Each random
 * choice is drawn once per example and used for every part. Colour changes go through {@link #photometric}, which
 * touches the image only.
 * <pre>{@code
 * ExampleTransform<AnnotatedImage> augment = JointTransforms.horizontalFlip(0.5)
 *         .andThen(JointTransforms.randomCrop(224, 224))
 *         .andThen(JointTransforms.photometric(new ColorJitter(0.4, 0.4, 0.4)));
 * }</pre>
 */
public final class JointTransforms {
    private JointTransforms() {}

    /** Mirrors left to right with probability {@code p}, keypoints kept in order; one draw. */
    public static ExampleTransform<AnnotatedImage> horizontalFlip(double p) {
        return horizontalFlip(p, null);
    }

    /**
     * Mirrors left to right with probability {@code p}, keypoint p of the result being keypoint
     * {@code keypointFlip[p]} of the input (COCO persons: [0, 2, 1, 4, 3, ...]); one draw.
     */
    public static ExampleTransform<AnnotatedImage> horizontalFlip(double p, int[] keypointFlip) {
        checkProbability("JointTransforms.horizontalFlip", p);
        int[] flip = keypointFlip == null ? null : keypointFlip.clone();
        // Always draw, so the generator advances the same way whether or not this example flips.
        return (example, random) -> random.nextDouble() < p ? example.flipHorizontally(flip) : example;
    }

    /** Turns upside down with probability {@code p}; one draw. */
    public static ExampleTransform<AnnotatedImage> verticalFlip(double p) {
        checkProbability("JointTransforms.verticalFlip", p);
        return (example, random) -> random.nextDouble() < p ? example.flipVertically() : example;
    }

    /**
     * A height x width window at a uniform position among those that fit, as torchvision's RandomCrop: the top row
     * is drawn first, then the left column; boxes are clipped to it and those left empty dropped.
     */
    public static ExampleTransform<AnnotatedImage> randomCrop(int height, int width) {
        checkSize("JointTransforms.randomCrop", height, width);
        return (example, random) -> {
            if (example.height() < height || example.width() < width) {
                throw new IllegalArgumentException("JointTransforms.randomCrop(" + height + "x" + width + "): expected an image "
                        + "at least that large; got " + example.image().shape());
            }
            int top = random.nextInt(example.height() - height + 1);
            int left = random.nextInt(example.width() - width + 1);
            return example.crop(top, left, height, width);
        };
    }

    /** The central height x width window, with {@link CenterCrop}'s rounding and padding; draws nothing. */
    public static ExampleTransform<AnnotatedImage> centerCrop(int height, int width) {
        CenterCrop crop = new CenterCrop(height, width);
        return (example, random) -> {
            int[] corner = crop.corner(example.height(), example.width());
            return example.crop(corner[0], corner[1], height, width);
        };
    }

    /** Resized to height x width (bilinear image, nearest mask, scaled boxes and keypoints); draws nothing. */
    public static ExampleTransform<AnnotatedImage> resize(int height, int width) {
        checkSize("JointTransforms.resize", height, width);
        return (example, random) -> example.resize(height, width);
    }

    /** {@code crop}'s random window (torchvision's RandomResizedCrop), cut from every part and resized to its size. */
    public static ExampleTransform<AnnotatedImage> randomResizedCrop(RandomResizedCrop crop) {
        return (example, random) -> {
            RandomResizedCrop.Window w = crop.window(example.height(), example.width(), random);
            return example.crop(w.top(), w.left(), w.height(), w.width()).resize(crop.size(), crop.size());
        };
    }

    /**
     * A transform of the image alone (colour jitter, PCA colour noise, normalization), the annotations kept; it
     * must not move pixels or change the image's size, which is checked.
     */
    public static ExampleTransform<AnnotatedImage> photometric(Transform transform) {
        return (example, random) -> {
            var image = transform.apply(example.image(), random);
            if (!image.shape().equals(example.image().shape())) {
                throw new IllegalArgumentException("JointTransforms.photometric: " + transform + " changed the image from "
                        + example.image().shape() + " to " + image.shape() + "; expected a colour change that keeps its size");
            }
            return example.withImage(image);
        };
    }

    private static void checkProbability(String op, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(op + ": p must be in [0, 1]; got " + p);
    }

    private static void checkSize(String op, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(op + ": height and width must be >= 1; got " + height + "x" + width);
        }
    }
}
