/**
 * Layer 4: vision beyond one label per image — scenes with masks and boxes ({@link fovea.vision.FashionScenes}),
 * and, as they arrive, their file formats (COCO, Pascal VOC), semantic segmentation, classification with
 * localization, detection, style transfer and visualization.
 *
 * <p>Annotated images are {@link fovea.data.AnnotatedImage}s: the image [3, H, W], a mask [H, W] of class indices
 * (0 is the background) and boxes [K, 4] (x1, y1, x2, y2 in pixels) with their labels.
 *
 * <p>May import every package of layers 0 to 3.
 */
package fovea.vision;
