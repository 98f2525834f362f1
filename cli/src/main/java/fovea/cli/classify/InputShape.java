package fovea.cli.classify;

import fovea.models.ModelConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An input shape written CxHxW, such as 1x28x28 or 3x224x224. */
record InputShape(int channels, int height, int width) {
    /** The model configuration for this input and a class count. */
    ModelConfig config(int classes) {
        return new ModelConfig(channels, height, width, classes);
    }

    /** picocli's converter from the text form. */
    static final class Converter implements ITypeConverter<InputShape> {
        @Override public InputShape convert(String value) {
            int[] dims = parse(value);
            return new InputShape(dims[0], dims[1], dims[2]);
        }
    }

    private static int[] parse(String value) {
        String[] parts = value.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 3) throw new TypeConversionException("expected CxHxW such as 1x28x28; got '" + value + "'");
        int[] dims = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected CxHxW such as 1x28x28; got '" + value + "'");
            }
            if (dims[i] < 1) throw new TypeConversionException("sizes must be >= 1; got '" + value + "'");
        }
        return dims;
    }
}
