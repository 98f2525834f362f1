package fovea.models;

/** What a model is built for: input channels, image height and width, and the number of classes. */
public record ModelConfig(int channels, int height, int width, int classes) {
    public ModelConfig {
        if (channels < 1 || height < 1 || width < 1 || classes < 2) {
            throw new IllegalArgumentException("ModelConfig: expected channels, height, width >= 1 and classes >= 2; got "
                    + channels + "x" + height + "x" + width + ", " + classes + " classes");
        }
    }

    /** Fashion-MNIST and MNIST: 1x28x28, 10 classes. */
    public static ModelConfig fashionMnist() {
        return new ModelConfig(1, 28, 28, 10);
    }

    /** The number of input values per example. */
    public int inputSize() {
        return channels * height * width;
    }

    /** The input shape of one example, [C, H, W]. */
    public int[] inputDims() {
        return new int[] {channels, height, width};
    }
}
