package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API bodies of {@link Loops}; loaded only when {@link Simd#AVAILABLE}. */
final class VectorLoops {
    private static final VectorSpecies<Float> S = Vectors.FLOAT;

    private VectorLoops() {}

    static void binary(Binary op, float[] a, int ao, int aStep, float[] b, int bo, int bStep,
                       float[] out, int oo, int n) {
        if (aStep == 1 && bStep == 1 && op == Binary.RELU_BACKWARD) {
            reluBackward(a, ao, b, bo, out, oo, n);
        } else if (aStep == 1 && bStep == 1 && arithmetic(op)) {
            zip(op, a, ao, b, bo, out, oo, n);
        } else if (aStep == 1 && bStep == 0 && arithmetic(op)) {
            withScalar(op, a, ao, b[bo], out, oo, n);
        } else {
            Loops.binaryPlain(op, a, ao, aStep, b, bo, bStep, out, oo, n);
        }
    }

    private static boolean arithmetic(Binary op) {
        return op == Binary.ADD || op == Binary.SUB || op == Binary.MUL || op == Binary.DIV;
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

    /**
     * out = a op b for ADD, SUB, MUL, DIV. One loop per operation with the operation written out: a loop taking the
     * operator as an argument ({@code lanewise(op, ...)}) is only intrinsified where C2 inlines it with a constant
     * operator, and compiled on its own it ran the Vector API's scalar fallback, boxing every vector (4% of a
     * ResNet-18 step, and most of the time of the per-row accumulations that call it).
     */
    private static void zip(Binary op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        int step = S.length();
        switch (op) {
            case ADD -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
                }
            }
            default -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
                }
            }
        }
        for (; i < n; i++) out[oo + i] = op.apply(a[ao + i], b[bo + i]);
    }

    /** out = a op y for ADD, SUB, MUL, DIV, one loop per operation as in {@link #zip}. */
    private static void withScalar(Binary op, float[] a, int ao, float y, float[] out, int oo, int n) {
        FloatVector yv = FloatVector.broadcast(S, y);
        int i = 0;
        int bound = S.loopBound(n);
        int step = S.length();
        switch (op) {
            case ADD -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).add(yv).intoArray(out, oo + i); }
            case SUB -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).sub(yv).intoArray(out, oo + i); }
            case MUL -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).mul(yv).intoArray(out, oo + i); }
            default -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).div(yv).intoArray(out, oo + i); }
        }
        for (; i < n; i++) out[oo + i] = op.apply(a[ao + i], y);
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
