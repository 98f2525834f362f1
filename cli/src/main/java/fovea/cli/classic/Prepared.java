package fovea.cli.classic;

import fovea.classic.FeatureTransform;
import fovea.classic.Pca;
import fovea.tensor.Tensor;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** The loaded data after the preprocessing fitted on its training rows: what the classifiers are given. */
record Prepared(ClassicData loaded, FeatureTransform transform, Tensor train, Tensor test) {
    static Prepared of(CommandSpec spec, PreprocessOption option, ClassicData loaded) {
        FeatureTransform transform = option.fit(spec, loaded.trainFeatures());
        return new Prepared(loaded, transform, transform.apply(loaded.trainFeatures()), transform.apply(loaded.testFeatures()));
    }

    /** A line for people: the preprocessing and, for PCA, the variance it keeps. */
    String describe() {
        String line = String.format(Locale.ROOT, "preprocessing: %s, %d features from %d", transform,
                transform.outFeatures(), transform.inFeatures());
        if (transform instanceof Pca pca) {
            double kept = 0;
            for (double r : pca.explainedVarianceRatio()) kept += r;
            line += String.format(Locale.ROOT, " (%.1f%% of the variance)", 100 * kept);
        }
        return line;
    }
}
