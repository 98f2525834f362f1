package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API body of {@link Distances#l1}; loaded only when {@link Simd#AVAILABLE}. */
final class VectorDistances {
    private static final VectorSpecies<Float> S = Vectors.FLOAT;

    private VectorDistances() {}

    /**
     * L1 distances, blocked: for each block of {@link Distances#L1_BLOCK} references (kept in cache), pairs of
     * queries against four references at a time, so each loaded vector is used four or two times.
     */
    static void l1(float[] x, int xo, int rows, float[] y, int yo, int cols, int dim, float[] out, int oo, int ldo) {
        float[] lanes = new float[S.length()];
        for (int from = 0; from < cols; from += Distances.L1_BLOCK) {
            int to = Math.min(cols, from + Distances.L1_BLOCK);
            int i = 0;
            for (; i + 2 <= rows; i += 2) {
                int j = from;
                for (; j + 4 <= to; j += 4) tile2x4(x, xo + i * dim, y, yo + j * dim, dim, out, oo + i * ldo + j, ldo, lanes);
                for (; j < to; j++) {
                    out[oo + i * ldo + j] = one(x, xo + i * dim, y, yo + j * dim, dim, lanes);
                    out[oo + (i + 1) * ldo + j] = one(x, xo + (i + 1) * dim, y, yo + j * dim, dim, lanes);
                }
            }
            for (; i < rows; i++) {
                for (int j = from; j < to; j++) out[oo + i * ldo + j] = one(x, xo + i * dim, y, yo + j * dim, dim, lanes);
            }
        }
    }

    private static void tile2x4(float[] x, int x0, float[] y, int y0, int dim, float[] out, int o, int ldo, float[] lanes) {
        int x1 = x0 + dim, y1 = y0 + dim, y2 = y1 + dim, y3 = y2 + dim;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        int d = 0;
        for (int bound = S.loopBound(dim); d < bound; d += S.length()) {
            FloatVector p = FloatVector.fromArray(S, x, x0 + d);
            FloatVector q = FloatVector.fromArray(S, x, x1 + d);
            FloatVector r = FloatVector.fromArray(S, y, y0 + d);
            a00 = a00.add(p.sub(r).abs());
            a10 = a10.add(q.sub(r).abs());
            r = FloatVector.fromArray(S, y, y1 + d);
            a01 = a01.add(p.sub(r).abs());
            a11 = a11.add(q.sub(r).abs());
            r = FloatVector.fromArray(S, y, y2 + d);
            a02 = a02.add(p.sub(r).abs());
            a12 = a12.add(q.sub(r).abs());
            r = FloatVector.fromArray(S, y, y3 + d);
            a03 = a03.add(p.sub(r).abs());
            a13 = a13.add(q.sub(r).abs());
        }
        out[o] = finish(a00, x, x0, y, y0, d, dim, lanes);
        out[o + 1] = finish(a01, x, x0, y, y1, d, dim, lanes);
        out[o + 2] = finish(a02, x, x0, y, y2, d, dim, lanes);
        out[o + 3] = finish(a03, x, x0, y, y3, d, dim, lanes);
        out[o + ldo] = finish(a10, x, x1, y, y0, d, dim, lanes);
        out[o + ldo + 1] = finish(a11, x, x1, y, y1, d, dim, lanes);
        out[o + ldo + 2] = finish(a12, x, x1, y, y2, d, dim, lanes);
        out[o + ldo + 3] = finish(a13, x, x1, y, y3, d, dim, lanes);
    }

    private static float one(float[] x, int x0, float[] y, int y0, int dim, float[] lanes) {
        FloatVector acc = FloatVector.zero(S);
        int d = 0;
        for (int bound = S.loopBound(dim); d < bound; d += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, x0 + d).sub(FloatVector.fromArray(S, y, y0 + d)).abs());
        }
        return finish(acc, x, x0, y, y0, d, dim, lanes);
    }

    /**
     * The lanes added in lane order, then the scalar tail: reduceLanes is not used because its order differs between
     * compiled and interpreted code, and a distance must not depend on when the JIT compiled a loop.
     */
    private static float finish(FloatVector acc, float[] x, int x0, float[] y, int y0, int d, int dim, float[] lanes) {
        acc.intoArray(lanes, 0);
        float sum = 0;
        for (float lane : lanes) sum += lane;
        for (; d < dim; d++) sum += Math.abs(x[x0 + d] - y[y0 + d]);
        return sum;
    }
}
