package fovea.nn;

import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network whose stages can be tapped by name, as torchvision's {@code IntermediateLayerGetter} taps ResNet's
 * layer1 ... layer4 for a segmentation or detection head. A stage's name is its module's dotted name in the
 * state dict ({@code layer3}, {@code features.denseblock2}), so the names read the same as the weights.
 * <pre>{@code
 * Map<String, Tensor> maps = resnet.stages(images, "layer3", "layer4");   // runs no further than layer4
 * }</pre>
 */
public interface Backbone {
    /** The names of the stages that can be tapped, from input to output. */
    List<String> stageNames();

    /**
     * The outputs of the named stages for {@code x}, in stage order, computed in one pass that stops after the last
     * one asked for. Each stage runs through {@link Module#call}, so observers see it.
     */
    Map<String, Tensor> stages(Tensor x, String... names);

    /**
     * Collects stage outputs as a network runs through its stages in order: {@link #add} each stage's output,
     * stop when it returns true. It checks the names asked for against the stage names first.
     */
    final class Tap {
        private final List<String> wanted;
        private final Map<String, Tensor> found = new LinkedHashMap<>();

        /** A tap for {@code names} of a network ({@code model}, for messages) with stages {@code stageNames}. */
        public Tap(String model, List<String> stageNames, String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException(model + ".stages: expected at least one stage name of " + stageNames + "; got none");
            }
            List<String> sorted = new ArrayList<>();
            for (String stage : stageNames) {
                if (List.of(names).contains(stage)) sorted.add(stage);
            }
            for (String name : names) {
                if (!stageNames.contains(name)) {
                    throw new IllegalArgumentException(model + ".stages: expected stage names of " + stageNames + "; got '" + name + "'");
                }
            }
            this.wanted = List.copyOf(sorted);
        }

        /** Records {@code output} when stage {@code name} was asked for; true once every stage asked for is in. */
        public boolean add(String name, Tensor output) {
            if (wanted.contains(name)) found.put(name, output);
            return found.size() == wanted.size();
        }

        /**
         * Runs {@code y} through {@code stages} in turn, tapping the i-th (from 0) as {@code prefix + (i + 1)}
         * ("layer1" ...), and stops once every stage asked for is in; returns the outputs collected.
         */
        public Map<String, Tensor> through(Tensor y, String prefix, Module... stages) {
            for (int i = 0; i < stages.length; i++) {
                y = stages[i].call(y);
                if (add(prefix + (i + 1), y)) break;
            }
            return outputs();
        }

        /** The outputs collected, in stage order. */
        public Map<String, Tensor> outputs() {
            return java.util.Collections.unmodifiableMap(found);
        }
    }
}
