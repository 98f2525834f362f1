/**
 * Layer 3: the data-driven pipeline that opens the course — the k-nearest-neighbour classifier ({@link
 * fovea.classic.Knn}, L1 and L2 distances computed in bounded memory), linear classifiers trained by minibatch SGD
 * ({@link fovea.classic.LinearClassifier}: the multiclass SVM, softmax, one-vs-rest logistic regression) and the
 * course's three ways to optimize them ({@link fovea.classic.OptimizerComparison}), preprocessing fitted on the
 * training set ({@link fovea.classic.FeatureTransform}: centering, standardization, PCA, PCA and ZCA whitening),
 * k-fold cross-validation of k ({@link fovea.classic.KnnCrossValidation}) and random hyperparameter search,
 * coarse to fine ({@link fovea.classic.RandomSearch}).
 *
 * <p>Examples are rows of a matrix: features [N, D] (images are flattened), labels an {@code int[]} of class
 * indices. The package prints nothing; long work reports progress through a callback.
 *
 * <p>May import {@code fovea.kernel}, {@code fovea.tensor}, {@code fovea.nn}, {@code fovea.optim},
 * {@code fovea.data} and {@code fovea.io}.
 */
package fovea.classic;
