package fovea.kernel;

/**
 * Elementwise and reduction loops over {@code float[]}: a Vector API path for the cheap operations, a plain
 * loop for the rest and as the oracle, and a parallel split for long arrays.
 *
 * <p>Binary loops take a step of 1 or 0 for each operand, which covers equal shapes, a scalar operand and a
 * row broadcast along the innermost dimension without copying.
 */
public final class Loops {
    /** Arrays shorter than this are never split across threads: the hand-off costs more than it saves. */
    static final int PARALLEL_GRAIN = 1 << 16;

    private Loops() {}

    /** out[o + i] = op(a[ao + i*aStep], b[bo + i*bStep]) for i in [0, n); steps are 0 or 1. */
    public static void binary(Binary op, float[] a, int ao, int aStep, float[] b, int bo, int bStep,
                              float[] out, int oo, int n) {
        if (n <= 0) return;
        if (n >= 2 * PARALLEL_GRAIN && Parallel.threads() > 1) {
            Parallel.forRange(n, PARALLEL_GRAIN, (from, to) ->
                    binaryRange(op, a, ao + from * aStep, aStep, b, bo + from * bStep, bStep, out, oo + from, to - from));
        } else {
            binaryRange(op, a, ao, aStep, b, bo, bStep, out, oo, n);
        }
    }

    private static void binaryRange(Binary op, float[] a, int ao, int aStep, float[] b, int bo, int bStep,
                                    float[] out, int oo, int n) {
        if (Simd.AVAILABLE && op.vectorized()) {
            VectorLoops.binary(op, a, ao, aStep, b, bo, bStep, out, oo, n);
        } else {
            binaryPlain(op, a, ao, aStep, b, bo, bStep, out, oo, n);
        }
    }

    /** The plain loop of {@link #binary}. */
    public static void binaryPlain(Binary op, float[] a, int ao, int aStep, float[] b, int bo, int bStep,
                                   float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = op.apply(a[ao + i * aStep], b[bo + i * bStep]);
    }

    /** out[o + i] = op(x[xo + i]) for i in [0, n). */
    public static void unary(Unary op, float[] x, int xo, float[] out, int oo, int n) {
        if (n >= 2 * PARALLEL_GRAIN / 4 && Parallel.threads() > 1 && !op.vectorized()) {
            // transcendental loops are compute-bound, so they pay for threads at a smaller size
            Parallel.forRange(n, PARALLEL_GRAIN / 4, (from, to) -> unaryPlain(op, x, xo + from, out, oo + from, to - from));
        } else if (Simd.AVAILABLE && op.vectorized()) {
            VectorLoops.unary(op, x, xo, out, oo, n);
        } else {
            unaryPlain(op, x, xo, out, oo, n);
        }
    }

    /** The plain loop of {@link #unary}. */
    public static void unaryPlain(Unary op, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = op.apply(x[xo + i]);
    }

    /** The sum of x[o .. o+n), accumulated in double lanes so long sums keep float32 precision. */
    public static float sum(float[] x, int o, int n) {
        return Simd.AVAILABLE ? VectorLoops.sum(x, o, n) : (float) sumPlain(x, o, n);
    }

    /** The plain loop of {@link #sum}, in double. */
    public static double sumPlain(float[] x, int o, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) total += x[o + i];
        return total;
    }

    /** acc[ao + i] += x[xo + i] for i in [0, n): the row accumulation of reductions over leading dims. */
    public static void accumulate(float[] x, int xo, float[] acc, int ao, int n) {
        if (Simd.AVAILABLE) {
            VectorLoops.binary(Binary.ADD, acc, ao, 1, x, xo, 1, acc, ao, n);
        } else {
            for (int i = 0; i < n; i++) acc[ao + i] += x[xo + i];
        }
    }
}
