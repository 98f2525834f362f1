/**
 * Layer 2: {@link fovea.data.Dataset} and {@link fovea.data.TensorDataset}; {@link fovea.data.DataLoader} over any
 * example type (samplers: sequential, shuffled, with replacement, weighted; a collate step; a background prefetch;
 * everything random derived from (seed, epoch, batch)); train/validation splits and k-fold splits
 * ({@link fovea.data.Split}); the data set registry ({@link fovea.data.DataSets}: Fashion-MNIST found where
 * {@link fovea.data.FashionMnist} looks, MNIST and other IDX files ({@link fovea.data.Idx}), CIFAR-10
 * ({@link fovea.data.Cifar10}), image folders ({@link fovea.data.ImageFolder})); preprocessing fitted on the training
 * set ({@link fovea.data.Preprocessing}); seeded augmentation of features ({@link fovea.data.Transform}: resizes,
 * crops, flips, rotations and shifts, colour jitter, AlexNet's PCA colour noise, normalization) and of whole examples
 * ({@link fovea.data.ExampleTransform}; {@link fovea.data.JointTransforms} move an {@link fovea.data.AnnotatedImage}'s
 * image, mask, boxes and keypoints together, {@link fovea.data.AnnotatedBatch} collates them with ragged boxes);
 * test-time augmentation ({@link fovea.data.TestTimeAugmentation}: ten crops, flips).
 *
 * <p>Images are NCHW floats in [0, 1]; class labels are whole numbers ({@code int} in an {@link fovea.data.Example}
 * and for boxes, a float tensor of whole numbers in a {@link fovea.data.Batch}); box coordinates are pixels, x1, y1,
 * x2, y2. Where torchvision defines a transform, its semantics hold. The package prints nothing.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.data;
