/**
 * Layer 2: {@link fovea.data.Dataset} and {@link fovea.data.TensorDataset}, {@link fovea.data.DataLoader} (batches,
 * seeded shuffling, a background prefetch), train/validation splits and k-fold splits ({@link fovea.data.Split}),
 * readers for IDX ({@link fovea.data.Idx}), CIFAR-10 ({@link fovea.data.Cifar10}) and image folders
 * ({@link fovea.data.ImageFolder}), finding Fashion-MNIST ({@link fovea.data.FashionMnist}), preprocessing fitted on
 * the training set ({@link fovea.data.Preprocessing}), seeded augmentation ({@link fovea.data.Transform}: crops, flips,
 * rotations and shifts, colour jitter, AlexNet's PCA colour noise) and test-time augmentation
 * ({@link fovea.data.TestTimeAugmentation}: ten crops, flips).
 *
 * <p>Images are NCHW floats in [0, 1]; class labels are whole numbers ({@code int} in an {@link fovea.data.Example},
 * a float tensor of whole numbers in a {@link fovea.data.Batch}). The package prints nothing.
 *
 * <p>May import only {@code fovea.tensor} and {@code fovea.kernel}.
 */
package fovea.data;
