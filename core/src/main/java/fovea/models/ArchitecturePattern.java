package fovea.models;

import fovea.nn.Conv2d;
import fovea.nn.Dropout;
import fovea.nn.Flatten;
import fovea.nn.Linear;
import fovea.nn.MaxPool2d;
import fovea.nn.Module;
import fovea.nn.Relu;
import fovea.nn.Sequential;
import fovea.nn.BatchNorm1d;
import fovea.nn.BatchNorm2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The course's architecture pattern {@code [(CONV-RELU)*N-POOL?]*M-(FC-RELU)*K-SOFTMAX}, written with sizes, parsed
 * into a model: {@code [(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10}.
 *
 * <p>Tokens, joined by '-': {@code CONVkxF} (k x k kernel, F filters, stride 1, "same" zero padding), {@code RELU},
 * {@code POOL} (2x2 max pooling, stride 2), {@code BN} (batch norm over the channels or features),
 * {@code DROPOUTp} (p in percent, e.g. DROPOUT50), {@code FCn} (fully connected, n outputs; the first one flattens),
 * and a final {@code SOFTMAX}, which names the classifier's output and adds no layer (the loss applies softmax).
 * Groups in {@code (...)} or {@code [...]} repeat with {@code *N}. The last FC must give the number of classes.
 * A malformed pattern fails with the position of the problem.
 */
public final class ArchitecturePattern {
    private final String text;
    private int position;

    private ArchitecturePattern(String text) {
        this.text = text;
    }

    /** The model the pattern describes, sized for {@code config}. */
    public static Module parse(String pattern, ModelConfig config, RandomGenerator random) {
        ArchitecturePattern parser = new ArchitecturePattern(pattern.trim());
        List<String> tokens = parser.sequence();
        if (parser.position != parser.text.length()) throw parser.error("expected '-' or the end");
        return new Builder(pattern, config, random).build(tokens);
    }

    /** A sequence of items joined by '-', expanded: the flat list of layer tokens with their positions. */
    private List<String> sequence() {
        List<String> tokens = new ArrayList<>(item());
        while (peek() == '-') {
            position++;
            tokens.addAll(item());
        }
        return tokens;
    }

    private List<String> item() {
        char c = peek();
        List<String> body;
        if (c == '(' || c == '[') {
            char close = c == '(' ? ')' : ']';
            position++;
            body = sequence();
            if (peek() != close) throw error("expected '" + close + "'");
            position++;
        } else if (Character.isLetter(c)) {
            int start = position;
            while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) position++;
            body = List.of(text.substring(start, position).toUpperCase(Locale.ROOT) + "@" + start);
        } else {
            throw error(position >= text.length() ? "expected a layer or a group, found the end" : "expected a layer or a group");
        }
        if (peek() == '*') {
            position++;
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) position++;
            if (start == position) throw error("expected a repeat count after '*'");
            int count = Integer.parseInt(text.substring(start, position));
            if (count < 1) throw error("the repeat count must be >= 1");
            List<String> repeated = new ArrayList<>();
            for (int i = 0; i < count; i++) repeated.addAll(body);
            return repeated;
        }
        return body;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private IllegalArgumentException error(String what) {
        return error(text, position, what);
    }

    static IllegalArgumentException error(String text, int at, String what) {
        return new IllegalArgumentException("arch: " + what + " at position " + (at + 1) + "\n  " + text + "\n  "
                + " ".repeat(Math.max(0, at)) + "^");
    }

    /** Turns the flat token list into layers, tracking the shape so each layer gets its sizes. */
    private static final class Builder {
        private final String text;
        private final ModelConfig config;
        private final RandomGenerator random;
        private final List<Module> layers = new ArrayList<>();
        private int channels;
        private int height;
        private int width;
        private int features = -1;      // after the first FC: the feature count; -1 while still an image

        Builder(String text, ModelConfig config, RandomGenerator random) {
            this.text = text;
            this.config = config;
            this.random = random;
            channels = config.channels();
            height = config.height();
            width = config.width();
        }

        Sequential build(List<String> tokens) {
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                int at = Integer.parseInt(token.substring(token.indexOf('@') + 1));
                String name = token.substring(0, token.indexOf('@'));
                boolean last = i == tokens.size() - 1;
                add(name, at, last);
            }
            if (features != config.classes()) {
                throw error(text, text.length(), "the pattern must end in FC" + config.classes() + " (one output per class)"
                        + (features < 0 ? "; it ends in an image of " + channels + "x" + height + "x" + width : "; it ends in "
                        + features + " features"));
            }
            return new Sequential(layers.toArray(Module[]::new));
        }

        private void add(String name, int at, boolean last) {
            if (name.startsWith("CONV")) {
                if (features >= 0) throw error(text, at, "CONV after FC");
                int[] sizes = sizes(name.substring(4), at, "CONVkxF such as CONV3x32");
                int kernel = sizes[0];
                int padding = (kernel - 1) / 2;
                if (kernel % 2 == 0) throw error(text, at, "a CONV kernel must be odd to keep the size; got " + kernel);
                layers.add(new Conv2d(channels, sizes[1], kernel, 1, padding, random));
                channels = sizes[1];
            } else if (name.equals("RELU")) {
                layers.add(new Relu());
            } else if (name.equals("POOL")) {
                if (features >= 0) throw error(text, at, "POOL after FC");
                if (height < 2 || width < 2) throw error(text, at, "POOL on a " + height + "x" + width + " image");
                layers.add(new MaxPool2d(2));
                height /= 2;
                width /= 2;
            } else if (name.equals("BN")) {
                layers.add(features >= 0 ? new BatchNorm1d(features) : new BatchNorm2d(channels));
            } else if (name.startsWith("DROPOUT")) {
                int percent = number(name.substring(7), at, "DROPOUTp with p in percent, such as DROPOUT50");
                if (percent >= 100) throw error(text, at, "dropout must be below 100%");
                layers.add(new Dropout(percent / 100f, random));
            } else if (name.startsWith("FC")) {
                int outputs = number(name.substring(2), at, "FCn such as FC128");
                if (features < 0) {
                    layers.add(new Flatten());
                    features = channels * height * width;
                }
                layers.add(new Linear(features, outputs, random));
                features = outputs;
            } else if (name.equals("SOFTMAX")) {
                if (!last) throw error(text, at, "SOFTMAX may only end the pattern");
            } else {
                throw error(text, at, "unknown layer '" + name + "'; expected CONVkxF, RELU, POOL, BN, DROPOUTp, FCn or SOFTMAX");
            }
        }

        private int[] sizes(String spec, int at, String expected) {
            String[] parts = spec.split("X");
            if (parts.length != 2) throw error(text, at, "expected " + expected);
            return new int[] {number(parts[0], at, expected), number(parts[1], at, expected)};
        }

        private int number(String digits, int at, String expected) {
            try {
                int value = Integer.parseInt(digits);
                if (value < 1) throw error(text, at, "expected " + expected + " with a size >= 1");
                return value;
            } catch (NumberFormatException e) {
                throw error(text, at, "expected " + expected);
            }
        }
    }
}
