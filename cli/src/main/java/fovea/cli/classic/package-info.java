/**
 * The classic pipeline on the command line: {@code fovea knn} (with the cross-validation of k), {@code linear}
 * (SVM, softmax, logistic; or the three ways to optimize one) and {@code search} (random hyperparameter search);
 * Fashion-MNIST as rows of pixels ({@link fovea.cli.classic.ClassicData}), the {@code --preprocess} option and its
 * charts. May import {@code fovea.cli} and core, no other job.
 */
package fovea.cli.classic;
