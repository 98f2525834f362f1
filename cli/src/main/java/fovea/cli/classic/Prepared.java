package fovea.cli.classic;

import fovea.classic.FeatureTransform;
import fovea.classic.Pca;
import fovea.tensor.Tensor;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The loaded data after the preprocessing fitted on its training rows: what the classifiers are given. {@code kind} is
 * the preprocessing as results.json names it, without its count: none, center, standardize, pca, whiten or zca.
 */
record Prepared(ClassicData loaded, String kind, FeatureTransform transform, Tensor train, Tensor test) {
    static Prepared of(CommandSpec spec, PreprocessOption option, ClassicData loaded) {
        FeatureTransform transform = option.fit(spec, loaded.trainFeatures());
        return new Prepared(loaded, option.kind(), transform, transform.apply(loaded.trainFeatures()),
                transform.apply(loaded.testFeatures()));
    }

    /**
     * A line for people in results.json's words: "preprocessing: none (784 features)", "preprocessing: pca (50
     * components of 784 features, 87.2% of the variance)".
     */
    String describe() {
        if (!(transform instanceof Pca pca)) {
            return String.format(Locale.ROOT, "preprocessing: %s (%d features)", kind, transform.inFeatures());
        }
        double kept = 0;
        for (double r : pca.explainedVarianceRatio()) kept += r;
        return String.format(Locale.ROOT, "preprocessing: %s (%d components of %d features, %.1f%% of the variance)", kind,
                transform.outFeatures(), transform.inFeatures(), 100 * kept);
    }
}
