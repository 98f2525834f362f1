package fovea.data;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minibatch of annotated images with ragged parts, as torchvision's detection references collate them: images
 * stacked to [B, C, H, W] and masks to [B, H, W] (null when the examples have none), while boxes [K_i, 4], their
 * labels and keypoints [K_i, P, 3], whose counts differ per image, stay one entry per image (empty lists when the
 * examples have none).
 */
public record AnnotatedBatch(Tensor images, Tensor masks, List<Tensor> boxes, List<int[]> boxLabels, List<Tensor> keypoints) {
    /** Checks that there is one entry per image in each list that is not empty, and a mask per image. */
    public AnnotatedBatch {
        int count = images.size(0);
        if (images.rank() != 4 || (masks != null && (masks.rank() != 3 || masks.size(0) != count))) {
            throw new IllegalArgumentException("AnnotatedBatch: expected images [B, C, H, W] and masks [B, H, W]; got "
                    + images.shape() + " and " + (masks == null ? "no masks" : masks.shape()));
        }
        boxes = List.copyOf(boxes);
        boxLabels = List.copyOf(boxLabels);
        keypoints = List.copyOf(keypoints);
        for (List<?> list : List.of(boxes, boxLabels, keypoints)) {
            if (!list.isEmpty() && list.size() != count) {
                throw new IllegalArgumentException("AnnotatedBatch: expected one entry per image in each list, " + count
                        + "; got " + boxes.size() + " boxes, " + boxLabels.size() + " label arrays, " + keypoints.size() + " keypoints");
            }
        }
    }

    /** The number of images, B. */
    public int size() {
        return images.size(0);
    }

    /**
     * The collate step of annotated images: images (all of one shape) and masks stacked, boxes, labels and keypoints
     * listed per image; a part that some examples have and others lack is an error naming the first that differs.
     */
    public static AnnotatedBatch collate(List<AnnotatedImage> examples) {
        if (examples.isEmpty()) throw new IllegalArgumentException("AnnotatedBatch.collate: expected at least one example; got none");
        AnnotatedImage first = examples.get(0);
        List<Tensor> images = new ArrayList<>();
        List<Tensor> masks = new ArrayList<>();
        List<Tensor> boxes = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<Tensor> keypoints = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            AnnotatedImage example = examples.get(i);
            if (!example.image().shape().equals(first.image().shape())) {
                throw new IllegalArgumentException("AnnotatedBatch.collate: example " + i + " of the batch has an image "
                        + example.image().shape() + "; expected " + first.image().shape() + " like example 0 (resize or crop "
                        + "to one size first)");
            }
            boolean[] has = {example.mask() != null, example.boxes() != null, example.keypoints() != null};
            boolean[] firstHas = {first.mask() != null, first.boxes() != null, first.keypoints() != null};
            if (!Arrays.equals(has, firstHas)) {
                throw new IllegalArgumentException("AnnotatedBatch.collate: example " + i + " of the batch is " + example
                        + "; expected the same parts as example 0, " + first);
            }
            images.add(example.image());
            if (has[0]) masks.add(example.mask());
            if (has[1]) {
                boxes.add(example.boxes());
                labels.add(example.boxLabels());
            }
            if (has[2]) keypoints.add(example.keypoints());
        }
        Tensor stackedMasks = masks.isEmpty() ? null : Tensor.stack(0, masks.toArray(Tensor[]::new));
        return new AnnotatedBatch(Tensor.stack(0, images.toArray(Tensor[]::new)), stackedMasks, boxes, labels, keypoints);
    }
}
