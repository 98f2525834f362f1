package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API bodies of {@link Loops}; loaded only when {@link Simd#AVAILABLE}. */
final class VectorLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorLoops() {}

    static void binary(Binary op, float[] a, int ao, int aStep, float[] b, int bo, int bStep,
                       float[] out, int oo, int n) {
        if (aStep == 1 && bStep == 1) {
            switch (op) {
                case ADD -> zip(a, ao, b, bo, out, oo, n, VectorOperators.ADD);
                case SUB -> zip(a, ao, b, bo, out, oo, n, VectorOperators.SUB);
                case MUL -> zip(a, ao, b, bo, out, oo, n, VectorOperators.MUL);
                case DIV -> zip(a, ao, b, bo, out, oo, n, VectorOperators.DIV);
                case RELU_BACKWARD -> reluBackward(a, ao, b, bo, out, oo, n);
                default -> Loops.binaryPlain(op, a, ao, aStep, b, bo, bStep, out, oo, n);
            }
        } else if (aStep == 1 && bStep == 0) {
            switch (op) {
                case ADD -> withScalar(a, ao, b[bo], out, oo, n, VectorOperators.ADD);
                case SUB -> withScalar(a, ao, b[bo], out, oo, n, VectorOperators.SUB);
                case MUL -> withScalar(a, ao, b[bo], out, oo, n, VectorOperators.MUL);
                case DIV -> withScalar(a, ao, b[bo], out, oo, n, VectorOperators.DIV);
                default -> Loops.binaryPlain(op, a, ao, aStep, b, bo, bStep, out, oo, n);
            }
        } else {
            Loops.binaryPlain(op, a, ao, aStep, b, bo, bStep, out, oo, n);
        }
    }

    /** out = b where a > 0, else 0: a blend under a comparison mask, with no branch to mispredict. */
    private static void reluBackward(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, b, bo + i), positive).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] > 0 ? b[bo + i] : 0f;
    }

    private static void zip(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n,
                            VectorOperators.Binary op) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).lanewise(op, FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = scalar(op, a[ao + i], b[bo + i]);
    }

    private static void withScalar(float[] a, int ao, float y, float[] out, int oo, int n, VectorOperators.Binary op) {
        FloatVector yv = FloatVector.broadcast(S, y);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).lanewise(op, yv).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = scalar(op, a[ao + i], y);
    }

    private static float scalar(VectorOperators.Binary op, float x, float y) {
        if (op == VectorOperators.ADD) return x + y;
        if (op == VectorOperators.SUB) return x - y;
        if (op == VectorOperators.MUL) return x * y;
        return x / y;
    }

    static void unary(Unary op, float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case NEG -> { for (; i < bound; i += S.length()) FloatVector.fromArray(S, x, xo + i).neg().intoArray(out, oo + i); }
            case ABS -> { for (; i < bound; i += S.length()) FloatVector.fromArray(S, x, xo + i).abs().intoArray(out, oo + i); }
            case SQRT -> { for (; i < bound; i += S.length()) FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(out, oo + i); }
            case RELU -> {
                FloatVector zero = FloatVector.zero(S);
                for (; i < bound; i += S.length()) {
                    FloatVector v = FloatVector.fromArray(S, x, xo + i);
                    // blend rather than max: max(NaN, 0) must stay NaN as in PyTorch
                    v.blend(zero, v.compare(VectorOperators.LT, zero)).intoArray(out, oo + i);
                }
            }
            default -> { }
        }
        for (; i < n; i++) out[oo + i] = op.apply(x[xo + i]);
    }

    static float sum(float[] x, int o, int n) {
        // float lanes summed in blocks, each block's lanes added into a double in lane order: reduceLanes is not
        // used because its order differs between compiled and interpreted code, and results must not depend on
        // when the JIT compiled a loop
        double total = 0;
        int i = 0;
        int bound = S.loopBound(n);
        final int block = 1024;
        while (i < bound) {
            int end = Math.min(bound, i + block);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += S.length()) acc = acc.add(FloatVector.fromArray(S, x, o + i));
            for (int lane = 0; lane < S.length(); lane++) total += acc.lane(lane);
        }
        for (; i < n; i++) total += x[o + i];
        return (float) total;
    }
}
