package fovea.cli.classic;

import fovea.classic.Centering;
import fovea.classic.FeatureTransform;
import fovea.classic.Pca;
import fovea.classic.Standardizing;
import fovea.classic.Zca;
import fovea.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --preprocess} option of the classic commands, fitted on the training rows only. Whitening adds an epsilon
 * of 1% of the mean per-feature variance to every variance, so that it does not depend on the pixel scale.
 */
final class PreprocessOption {
    @Option(names = "--preprocess", paramLabel = "KIND", defaultValue = "none",
            description = {"none, center (subtract the mean image), standardize (per pixel), pca:N (the first N "
                + "principal components), whiten or whiten:N (PCA whitening), zca (ZCA whitening); fitted on the "
                + "training images only (default: ${DEFAULT-VALUE})"})
    String value;

    String spec() {
        return value;
    }

    /** The kind of preprocessing without its count: none, center, standardize, pca, whiten or zca. */
    String kind() {
        String kind = value.trim().toLowerCase(Locale.ROOT);
        return kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
    }

    /**
     * A usage error unless {@code --preprocess} names a known kind with a whole number of components >= 1; checked
     * before the data is read (the upper bound, the number of features, is checked when fitting).
     */
    void check(CommandSpec spec) {
        String kind = value.trim().toLowerCase(Locale.ROOT);
        if (List.of("none", "center", "standardize", "zca", "whiten").contains(kind)) return;
        if (kind.startsWith("whiten:") || kind.startsWith("pca:")) {
            count(spec, kind, Integer.MAX_VALUE);
            return;
        }
        throw unknown(spec);
    }

    /** The transform {@code --preprocess} names, fitted on {@code train} [N, D], or a usage error. */
    FeatureTransform fit(CommandSpec spec, Tensor train) {
        String kind = value.trim().toLowerCase(Locale.ROOT);
        int d = train.size(1);
        try {
            if (kind.equals("none")) return FeatureTransform.identity(d);
            if (kind.equals("center")) return Centering.fit(train);
            if (kind.equals("standardize")) return Standardizing.fit(train);
            if (kind.equals("zca")) return Zca.fit(train, epsilon(train));
            if (kind.equals("whiten")) return Pca.fit(train, new Pca.Config(d, true, epsilon(train)));
            if (kind.startsWith("whiten:")) return Pca.fit(train, new Pca.Config(count(spec, kind, d), true, epsilon(train)));
            if (kind.startsWith("pca:")) return Pca.fit(train, Pca.Config.of(count(spec, kind, d)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--preprocess " + value + ": " + e.getMessage());
        }
        throw unknown(spec);
    }

    private ParameterException unknown(CommandSpec spec) {
        return new ParameterException(spec.commandLine(), "unknown --preprocess '" + value
                + "'; expected none, center, standardize, pca:N, whiten, whiten:N or zca");
    }

    private int count(CommandSpec spec, String kind, int d) {
        String number = kind.substring(kind.indexOf(':') + 1);
        try {
            int n = Integer.parseInt(number);
            if (n >= 1 && n <= d) return n;
        } catch (NumberFormatException ignored) {
            // the error below
        }
        throw new ParameterException(spec.commandLine(), "--preprocess " + value + ": expected a number of components "
                + (d == Integer.MAX_VALUE ? ">= 1" : "in 1.." + d) + "; got '" + number + "'");
    }

    /** 1% of the mean variance of a feature. */
    private static double epsilon(Tensor train) {
        float[] std = Standardizing.fit(train).std().toArray();
        double sum = 0;
        for (float s : std) sum += (double) s * s;
        return 0.01 * sum / std.length;
    }
}
