package fovea.data;

import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.function.Function;

/**
 * Test-time augmentation: several views of one image, whose class probabilities are averaged. AlexNet's ten crops
 * (Krizhevsky et al. 2012) are the four corner crops and the centre crop and the same five of the mirrored image,
 * as torchvision's ten_crop; the cheaper flip pair is the image and its mirror. The model is any function from a
 * batch [V, C, h, w] to scores [V, K], a network in eval mode for example.
 * <pre>{@code
 * Tensor probabilities = TestTimeAugmentation.predictTenCrop(network::forward, image, 24); // [K]
 * }</pre>
 */
public final class TestTimeAugmentation {
    private TestTimeAugmentation() {}

    /**
     * The ten views [10, C, size, size] of an image [C, H, W]: top-left, top-right, bottom-left, bottom-right and
     * centre crops, then the same five crops of the mirrored image (so view 5 is the mirror of view 1, view 6 of
     * view 0, views 7 and 8 of 3 and 2, and view 9 of view 4 when W - size is even).
     */
    public static Tensor tenCrop(Tensor image, int size) {
        if (image.rank() != 3 || size < 1 || size > image.size(1) || size > image.size(2)) {
            throw new IllegalArgumentException("TestTimeAugmentation.tenCrop: expected an image [C, H, W] with 1 <= size <= H, W; "
                    + "got " + image.shape() + " and size " + size);
        }
        int channels = image.size(0);
        int height = image.size(1);
        int width = image.size(2);
        // torchvision's centre crop rounds (H - size) / 2 half to even, as Python's round does.
        int centreTop = (int) Math.rint((height - size) / 2.0);
        int centreLeft = (int) Math.rint((width - size) / 2.0);
        int[][] corners = {{0, 0}, {0, width - size}, {height - size, 0}, {height - size, width - size},
            {centreTop, centreLeft}};
        int view = channels * size * size;
        float[] out = new float[10 * view];
        float[][] sources = {image.toArray(), HorizontalFlip.mirror(image).toArray()};
        for (int s = 0; s < 2; s++) {
            for (int k = 0; k < 5; k++) {
                int offset = (5 * s + k) * view;
                for (int c = 0; c < channels; c++) {
                    for (int y = 0; y < size; y++) {
                        System.arraycopy(sources[s], (c * height + corners[k][0] + y) * width + corners[k][1],
                                out, offset + (c * size + y) * size, size);
                    }
                }
            }
        }
        return Tensor.of(out, 10, channels, size, size);
    }

    /** The two views [2, C, H, W] of an image [C, H, W]: the image and its mirror. */
    public static Tensor flips(Tensor image) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException("TestTimeAugmentation.flips: expected an image [C, H, W]; got " + image.shape());
        }
        return Tensor.stack(0, image.detach(), HorizontalFlip.mirror(image));
    }

    /** The mean over the views [V, ...] of softmax(model(views)) along the classes: probabilities [K]; records no graph. */
    public static Tensor averageSoftmax(Function<Tensor, Tensor> model, Tensor views) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor scores = model.apply(views);
            if (scores.rank() != 2 || scores.size(0) != views.size(0)) {
                throw new IllegalArgumentException("TestTimeAugmentation.averageSoftmax: expected the model to map views "
                        + views.shape() + " to scores [" + views.size(0) + ", K]; got " + scores.shape());
            }
            return scores.softmax(1).mean(0, false);
        }
    }

    /** The views of each image that {@link #averaged} evaluates a model on. */
    public enum Views {
        /** The image and its mirror. */
        FLIPS(2),
        /**
         * AlexNet's ten crops at the image's own size, cut from the image padded with {@link #CROP_PADDING} zeros
         * on every side: the test-time counterpart of training with {@code RandomCrop(size, 2)}.
         */
        TEN_CROPS(10);

        /** Zeros added on every side before the ten crops, as {@code fovea train --augment crop} pads. */
        public static final int CROP_PADDING = 2;
        private final int count;

        Views(int count) {
            this.count = count;
        }

        /** Views per image. */
        public int count() {
            return count;
        }
    }

    /**
     * The views of a batch [N, C, H, W] as one batch [N * V, C, H, W], the V views of image i at rows
     * i * V .. i * V + V - 1 (in the order of {@link #flips} and {@link #tenCrop}).
     */
    public static Tensor batchViews(Tensor images, Views views) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("TestTimeAugmentation.batchViews: expected images [N, C, H, W]; got "
                    + images.shape());
        }
        int n = images.size(0);
        int height = images.size(2);
        int width = images.size(3);
        Tensor[] perImage = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor image = images.slice(0, i, i + 1).squeeze(0);
            perImage[i] = switch (views) {
                case FLIPS -> flips(image);
                case TEN_CROPS -> {
                    int p = Views.CROP_PADDING;
                    if (height != width) {
                        throw new IllegalArgumentException("TestTimeAugmentation.batchViews: ten crops need square "
                                + "images; got " + images.shape());
                    }
                    yield tenCrop(image.pad(new int[] {p, p, p, p}, 0f), height);
                }
            };
        }
        return Tensor.cat(0, perImage);
    }

    /**
     * A model evaluated on the views of each image: maps a batch [N, C, H, W] to the log of the class
     * probabilities averaged over the views, [N, K]. Being log-probabilities, its rows work as scores for accuracy
     * and as input to the cross-entropy loss, which then gives the negative log of the averaged probability.
     * Records no graph.
     */
    public static Function<Tensor, Tensor> averaged(Function<Tensor, Tensor> model, Views views) {
        return images -> {
            try (GradMode.Scope scope = GradMode.noGrad()) {
                Tensor scores = model.apply(batchViews(images, views));
                int n = images.size(0);
                if (scores.rank() != 2 || scores.size(0) != n * views.count()) {
                    throw new IllegalArgumentException("TestTimeAugmentation.averaged: expected the model to map "
                            + n * views.count() + " views to scores [" + n * views.count() + ", K]; got " + scores.shape());
                }
                return scores.softmax(1).reshape(n, views.count(), scores.size(1)).mean(1, false).log();
            }
        };
    }

    /** AlexNet's prediction for one image [C, H, W]: class probabilities [K] averaged over its ten crops of {@code size}. */
    public static Tensor predictTenCrop(Function<Tensor, Tensor> model, Tensor image, int size) {
        return averageSoftmax(model, tenCrop(image, size));
    }

    /** Class probabilities [K] averaged over an image [C, H, W] and its mirror. */
    public static Tensor predictFlips(Function<Tensor, Tensor> model, Tensor image) {
        return averageSoftmax(model, flips(image));
    }
}
