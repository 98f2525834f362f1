package fovea.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import fovea.nn.Functional;
import fovea.nn.Losses;
import fovea.tensor.Conv;
import fovea.tensor.ConvSpec;
import fovea.tensor.ConvTransposeSpec;
import fovea.tensor.Images;
import fovea.tensor.Recurrence;
import fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of ops.json (the repository's copy and those of -Dfovea.reference) against Fovea: forward values and
 * the gradients of sum_k sum(out_k * upstream_k).
 * A case whose op a later issue brings is reported as skipped, by name; a case with no mapping fails.
 */
class OpsReferenceTest {
    /** float32 against PyTorch's float64: the tolerance the reference README gives. */
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-5;

    /** Ops that later issues bring, with the layer or issue that will map them. Each issue empties its part. */
    static final Map<String, String> PENDING = pending();

    private static Map<String, String> pending() {
        Map<String, String> pending = new LinkedHashMap<>();
        for (String op : List.of("box_iou", "generalized_box_iou", "nms", "batched_nms", "roi_align", "roi_pool")) {
            pending.put(op, "issue 16's localization and detection (box IoU, NMS, RoI pooling)");
        }
        for (String op : List.of("gram", "total_variation")) pending.put(op, "style transfer");
        for (String op : List.of("bce", "huber", "layer_norm", "instance_norm", "group_norm", "scaled_dot_product_attention")) {
            pending.put(op, "the generative and later issues (losses, normalizations, attention)");
        }
        return pending;
    }

    /** The mapping from a reference op to Fovea: inputs by name and params to the list of outputs. */
    static final Map<String, BiFunction<Map<String, Tensor>, Map<String, Object>, List<Tensor>>> OPS = ops();

    private static Map<String, BiFunction<Map<String, Tensor>, Map<String, Object>, List<Tensor>>> ops() {
        Map<String, BiFunction<Map<String, Tensor>, Map<String, Object>, List<Tensor>>> ops = new LinkedHashMap<>();
        ops.put("add", (in, p) -> List.of(in.get("a").add(in.get("b"))));
        ops.put("mul", (in, p) -> List.of(in.get("a").mul(in.get("b"))));
        ops.put("div", (in, p) -> List.of(in.get("a").div(in.get("b"))));
        ops.put("pow", (in, p) -> List.of(in.get("a").pow(number(p, "exponent"))));
        ops.put("exp_log", (in, p) -> List.of(in.get("a").exp().add(1f).log()));
        ops.put("sqrt", (in, p) -> List.of(in.get("a").sqrt()));
        ops.put("sum", (in, p) -> List.of(in.get("a").sum(integer(p, "dim"), flag(p, "keepdim"))));
        ops.put("mean", (in, p) -> List.of(in.get("a").mean(integer(p, "dim"), flag(p, "keepdim"))));
        ops.put("max", (in, p) -> List.of(in.get("a").max(integer(p, "dim"), flag(p, "keepdim"))));
        ops.put("matmul", (in, p) -> List.of(in.get("a").matmul(in.get("b"))));
        ops.put("permute", (in, p) -> List.of(in.get("a").permute(integers(p, "dims"))));
        ops.put("cat", (in, p) -> List.of(Tensor.cat(integer(p, "dim"), in.get("a"), in.get("b"))));
        ops.put("relu", (in, p) -> List.of(in.get("x").relu()));
        ops.put("leaky_relu", (in, p) -> List.of(in.get("x").leakyRelu(number(p, "negative_slope"))));
        ops.put("elu", (in, p) -> List.of(in.get("x").elu(number(p, "alpha"))));
        ops.put("sigmoid", (in, p) -> List.of(in.get("x").sigmoid()));
        ops.put("tanh", (in, p) -> List.of(in.get("x").tanh()));
        ops.put("softmax", (in, p) -> List.of(in.get("x").softmax(integer(p, "dim"))));
        ops.put("log_softmax", (in, p) -> List.of(in.get("x").logSoftmax(integer(p, "dim"))));
        ops.put("prelu", (in, p) -> List.of(Functional.prelu(in.get("x"), in.get("weight"))));
        ops.put("maxout", (in, p) -> List.of(Functional.maxout(in.get("x"), integer(p, "pieces"))));
        ops.put("cross_entropy", (in, p) -> List.of(Losses.crossEntropy(in.get("logits"), in.get("target"))));
        ops.put("svm_hinge", (in, p) -> List.of(Losses.svmHinge(in.get("scores"), in.get("target"), number(p, "delta"))));
        ops.put("bce_with_logits", (in, p) -> List.of(Losses.bceWithLogits(in.get("logits"), in.get("target"))));
        ops.put("mse", (in, p) -> List.of(Losses.mse(in.get("pred"), in.get("target"))));
        ops.put("l1", (in, p) -> List.of(Losses.l1(in.get("pred"), in.get("target"))));
        ops.put("smooth_l1", (in, p) -> List.of(Losses.smoothL1(in.get("pred"), in.get("target"), number(p, "beta"))));
        ops.put("kl_std_normal", (in, p) -> List.of(Losses.klStandardNormal(in.get("mu"), in.get("logvar"))));
        ops.put("batch_norm_train", OpsReferenceTest::batchNormTrain);
        ops.put("conv2d", (in, p) -> List.of(Conv.conv2d(in.get("x"), in.get("weight"), in.get("bias"),
                ConvSpec.of(integer(p, "stride"), integer(p, "padding")).withDilation(integerOr(p, "dilation", 1))
                        .withGroups(integerOr(p, "groups", 1)))));
        ops.put("conv_transpose2d", (in, p) -> List.of(Conv.convTranspose2d(in.get("x"), in.get("weight"), in.get("bias"),
                ConvTransposeSpec.of(integer(p, "stride"), integer(p, "padding"), integerOr(p, "output_padding", 0))
                        .withDilation(integerOr(p, "dilation", 1)).withGroups(integerOr(p, "groups", 1)))));
        ops.put("batch_norm_eval", (in, p) -> List.of(Images.batchNorm2d(in.get("x"), in.get("gamma"), in.get("beta"),
                in.get("running_mean"), in.get("running_var"), false, 0.1f, number(p, "eps"))));
        ops.put("max_pool2d", (in, p) -> List.of(Images.maxPool2d(in.get("x"), window(p))));
        ops.put("avg_pool2d", (in, p) -> List.of(Images.avgPool2d(in.get("x"), window(p),
                !Boolean.FALSE.equals(p.get("count_include_pad")))));
        ops.put("adaptive_avg_pool2d", (in, p) -> List.of(Images.adaptiveAvgPool2d(in.get("x"),
                integers(p, "output")[0], integers(p, "output")[1])));
        ops.put("local_response_norm", (in, p) -> List.of(Images.localResponseNorm(in.get("x"), integer(p, "size"),
                number(p, "alpha"), number(p, "beta"), number(p, "k"))));
        ops.put("upsample_nearest", (in, p) -> List.of(p.containsKey("size")
                ? Images.upsampleNearest(in.get("x"), integers(p, "size")[0], integers(p, "size")[1])
                : Images.upsampleNearest(in.get("x"), number(p, "scale_factor"))));
        ops.put("upsample_bilinear", (in, p) -> List.of(p.containsKey("size")
                ? Images.upsampleBilinear(in.get("x"), integers(p, "size")[0], integers(p, "size")[1])
                : Images.upsampleBilinear(in.get("x"), number(p, "scale_factor"))));
        ops.put("interpolate", (in, p) -> List.of(interpolate(in.get("x"), p)));
        ops.put("cross_entropy_2d", (in, p) -> List.of(Losses.crossEntropy2d(in.get("logits"), in.get("target"),
                integer(p, "ignore_index"))));
        ops.put("embedding", (in, p) -> List.of(Functional.embedding(in.get("idx"), in.get("weight"))));
        ops.put("rnn_tanh", (in, p) -> recurrent(Recurrence.Cell.RNN_TANH, in));
        ops.put("lstm", (in, p) -> recurrent(Recurrence.Cell.LSTM, in));
        ops.put("gru", (in, p) -> recurrent(Recurrence.Cell.GRU, in));
        return ops;
    }

    /** One recurrent layer over x [T, N, I]: all hidden states, the last h and, for an LSTM, the last c. */
    private static List<Tensor> recurrent(Recurrence.Cell cell, Map<String, Tensor> in) {
        Recurrence.Result r = Recurrence.layer(cell, in.get("x"), in.get("h0"), in.get("c0"),
                new Recurrence.Weights(in.get("w_ih"), in.get("w_hh"), in.get("b_ih"), in.get("b_hh")), false);
        return r.c() == null ? List.of(r.output(), r.h()) : List.of(r.output(), r.h(), r.c());
    }

    /** PyTorch's interpolate: nearest or bilinear, by size or scale factor, with align_corners for bilinear. */
    private static Tensor interpolate(Tensor x, Map<String, Object> p) {
        boolean bySize = p.containsKey("size");
        if ("nearest".equals(p.get("mode"))) {
            return bySize ? Images.upsampleNearest(x, integers(p, "size")[0], integers(p, "size")[1])
                    : Images.upsampleNearest(x, number(p, "scale_factor"));
        }
        boolean aligned = flag(p, "align_corners");
        return bySize ? Images.upsampleBilinear(x, integers(p, "size")[0], integers(p, "size")[1], aligned)
                : Images.upsampleBilinear(x, number(p, "scale_factor"), aligned);
    }

    /** A pooling window from kernel, stride, padding and the optional dilation (1) and ceil_mode (false). */
    private static Images.Window window(Map<String, Object> p) {
        Images.Window window = Images.Window.of(integer(p, "kernel"), integer(p, "stride"), integer(p, "padding"));
        if (p.containsKey("dilation")) window = window.withDilation(integer(p, "dilation"));
        return window.withCeilMode(flag(p, "ceil_mode"));
    }

    /**
     * Batch norm in training mode, through the fused Images.batchNorm2d for images and Functional.batchNorm
     * otherwise; the running statistics after one update from zeros and ones are checked
     * here against the case's running_mean_after and running_var_after.
     */
    private static List<Tensor> batchNormTrain(Map<String, Tensor> in, Map<String, Object> p) {
        int channels = in.get("gamma").numel();
        Tensor runningMean = Tensor.zeros(channels);
        Tensor runningVar = Tensor.ones(channels);
        Tensor y = in.get("x").rank() == 4
                ? Images.batchNorm2d(in.get("x"), in.get("gamma"), in.get("beta"), runningMean, runningVar, true,
                        number(p, "momentum"), number(p, "eps"))
                : Functional.batchNorm(in.get("x"), in.get("gamma"), in.get("beta"), runningMean, runningVar, true,
                        number(p, "momentum"), number(p, "eps"));
        ReferenceCases.assertClose("running_mean_after", CURRENT.get().get("running_mean_after"), runningMean, RTOL, ATOL);
        ReferenceCases.assertClose("running_var_after", CURRENT.get().get("running_var_after"), runningVar, RTOL, ATOL);
        return List.of(y);
    }

    /** The case being run, for mappings that check more than the outputs. */
    private static final ThreadLocal<Map<String, Object>> CURRENT = new ThreadLocal<>();

    @TestFactory
    Stream<DynamicTest> opsJson() {
        List<Map<String, Object>> cases = ReferenceCases.cases("ops.json");
        assertFalse(cases.isEmpty(), "ops.json holds no cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(ReferenceCases.label(c) + " (" + c.get("op") + ")",
                () -> run(c)));
    }

    /**
     * The cases of vision.json (the repository's copy and those of -Dfovea.reference): interpolate and the per-pixel
     * cross-entropy run; ops later issues bring are reported as skipped, by name (PENDING).
     */
    @TestFactory
    Stream<DynamicTest> visionJson() {
        List<Map<String, Object>> cases = ReferenceCases.cases("vision.json");
        assertFalse(cases.isEmpty(), "vision.json holds no cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(ReferenceCases.label(c) + " (" + c.get("op") + ")",
                () -> run(c)));
    }

    /** The cases this repository adds for image ops ops.json lacks (LRN, upsampling, eval batch norm, more pooling). */
    @TestFactory
    Stream<DynamicTest> imagesJson() {
        List<Map<String, Object>> cases = ReferenceCases.resourceCases("images.json");
        assertFalse(cases.isEmpty(), "images.json holds no cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name") + " (" + c.get("op") + ")",
                () -> run(c)));
    }

    @SuppressWarnings("unchecked")
    private static void run(Map<String, Object> c) {
        String name = ReferenceCases.label(c);
        String op = (String) c.get("op");
        if (PENDING.containsKey(op)) {
            Assumptions.abort("pending op '" + op + "' (case " + name + "): comes with " + PENDING.get(op));
        }
        var mapping = OPS.get(op);
        if (mapping == null) {
            fail("reference case " + name + ": no mapping for op '" + op + "'; add it to OpsReferenceTest.OPS "
                    + "(or to PENDING if a later issue brings it)");
        }
        Map<String, Object> grads = (Map<String, Object>) c.getOrDefault("grads", Map.of());
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (var entry : ((Map<String, Object>) c.get("inputs")).entrySet()) {
            Tensor input = ReferenceCases.tensor(entry.getValue());
            if (grads.containsKey(entry.getKey())) input.requiresGrad(true);
            inputs.put(entry.getKey(), input);
        }
        Map<String, Object> params = (Map<String, Object>) c.getOrDefault("params", Map.of());
        CURRENT.set(c);
        List<Tensor> outputs = mapping.apply(inputs, params);
        List<Object> expected = (List<Object>) c.get("outputs");
        List<Object> upstream = (List<Object>) c.get("upstream");
        if (outputs.size() != expected.size()) {
            fail(name + ": Fovea gives " + outputs.size() + " outputs, the case has " + expected.size());
        }
        Tensor objective = null;
        for (int k = 0; k < outputs.size(); k++) {
            ReferenceCases.assertClose(name + " output " + k, expected.get(k), outputs.get(k), RTOL, ATOL);
            Tensor term = outputs.get(k).mul(ReferenceCases.tensor(upstream.get(k))).sum();
            objective = objective == null ? term : objective.add(term);
        }
        if (grads.isEmpty()) return;
        objective.backward();
        List<String> missing = new ArrayList<>();
        for (var entry : grads.entrySet()) {
            Tensor grad = inputs.get(entry.getKey()).grad();
            if (grad == null) {
                missing.add(entry.getKey());
                continue;
            }
            ReferenceCases.assertClose(name + " grad of " + entry.getKey(), entry.getValue(), grad, RTOL, ATOL);
        }
        if (!missing.isEmpty()) fail(name + ": no gradient reached " + missing);
    }

    private static float number(Map<String, Object> params, String key) {
        Object value = params.get(key);
        if (!(value instanceof Double d)) throw new AssertionError("reference: param '" + key + "' missing in " + params);
        return d.floatValue();
    }

    private static int integer(Map<String, Object> params, String key) {
        return (int) number(params, key);
    }

    private static int integerOr(Map<String, Object> params, String key, int fallback) {
        return params.containsKey(key) ? integer(params, key) : fallback;
    }

    private static boolean flag(Map<String, Object> params, String key) {
        return Boolean.TRUE.equals(params.get(key));
    }

    @SuppressWarnings("unchecked")
    private static int[] integers(Map<String, Object> params, String key) {
        return ((List<Object>) params.get(key)).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
    }

    /** The pending list names only ops that the file still has, so an emptied entry is noticed. */
    @org.junit.jupiter.api.Test
    void pendingOpsAreStillInTheFile() {
        Set<String> present = new java.util.HashSet<>();
        for (var c : ReferenceCases.cases("ops.json")) present.add((String) c.get("op"));
        for (String op : PENDING.keySet()) {
            if (OPS.containsKey(op)) fail("op '" + op + "' is both mapped and pending; remove it from PENDING");
        }
        assertFalse(present.isEmpty());
    }
}
