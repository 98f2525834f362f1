package fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link RecurrentCells}, with the same arguments; the columns past the last whole
 * vector of a row go to the plain loop. Loaded only when {@link Simd#AVAILABLE}.
 *
 * <p>exp is computed in the vector lanes (Cephes' expf: n = round(x / ln 2), a degree-5 polynomial on the
 * remainder, 2^n put in the exponent bits), within about 2 ulp, which is what makes the sigmoid and tanh of
 * the gates cheap; sigmoid(x) = 1 / (1 + e^-x) and tanh(x) = 1 - 2 / (e^2x + 1) are exact at their limits
 * and within about 1e-7 of the plain loop's double-precision values elsewhere.
 */
final class VectorRecurrentCells {
    private static final VectorSpecies<Float> S = Vectors.FLOAT;
    private static final int L = S.length();
    private static final float MAGIC = 12582912f;          // 1.5 * 2^23: adding it rounds to a whole number

    private VectorRecurrentCells() {}

    /** e^x for x clamped to [-87.3, 88.3], where 2^n stays a normal float. */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(-87.3f).min(88.3f);
        FloatVector n = v.mul(1.44269504088896341f).add(MAGIC).sub(MAGIC);
        FloatVector r = v.sub(n.mul(0.693359375f)).sub(n.mul(-2.12194440e-4f));   // ln 2 in two parts
        FloatVector p = FloatVector.broadcast(S, 1.9875691500e-4f);
        p = p.fma(r, FloatVector.broadcast(S, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
        FloatVector y = p.mul(r).fma(r, r).add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats());
    }

    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    static FloatVector tanh(FloatVector x) {
        return FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(exp(x.add(x)).add(1f)));
    }

    private static FloatVector load(float[] a, int offset) {
        return FloatVector.fromArray(S, a, offset);
    }

    static void rnnForward(boolean relu, int hidden, float[] a, float[] state, RecurrentCells.Step step, int from, int to) {
        int bound = S.loopBound(hidden);
        for (int b = from; b < to; b++) {
            int ga = step.gates() + b * hidden;
            int hn = step.next() + b * hidden;
            for (int j = 0; j < bound; j += L) {
                FloatVector v = load(a, ga + j);
                (relu ? v.max(0f) : tanh(v)).intoArray(state, hn + j);
            }
            RecurrentCells.rnnForwardPlain(relu, hidden, a, state, step, b, b + 1, bound);
        }
    }

    static void rnnBackward(boolean relu, int hidden, float[] state, float[] upstream, int upstreamOffset,
                            float[] recurrent, float[] dGates, RecurrentCells.Step step, int from, int to) {
        int bound = S.loopBound(hidden);
        for (int b = from; b < to; b++) {
            int hn = step.next() + b * hidden;
            int up = upstreamOffset + b * hidden;
            int rec = b * hidden;
            int ga = step.gates() + b * hidden;
            for (int j = 0; j < bound; j += L) {
                FloatVector h = load(state, hn + j);
                FloatVector dh = load(upstream, up + j).add(load(recurrent, rec + j));
                FloatVector d = relu ? dh.blend(0f, h.compare(VectorOperators.LE, 0f)) : dh.mul(h.fma(h.neg(), FloatVector.broadcast(S, 1f)));
                d.intoArray(dGates, ga + j);
            }
            RecurrentCells.rnnBackwardPlain(relu, hidden, state, upstream, upstreamOffset, recurrent, dGates, step,
                    b, b + 1, bound);
        }
    }

    static void lstmForward(int hidden, float[] gates, float[] h, float[] c, float[] tanhC, int tanhOffset,
                            RecurrentCells.Step step, int from, int to) {
        int bound = S.loopBound(hidden);
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 4 * hidden;
            int prev = step.previous() + b * hidden;
            int next = step.next() + b * hidden;
            int tc = tanhOffset + b * hidden;
            for (int j = 0; j < bound; j += L) {
                FloatVector i = sigmoid(load(gates, g0 + j));
                FloatVector f = sigmoid(load(gates, g0 + hidden + j));
                FloatVector g = tanh(load(gates, g0 + 2 * hidden + j));
                FloatVector o = sigmoid(load(gates, g0 + 3 * hidden + j));
                i.intoArray(gates, g0 + j);
                f.intoArray(gates, g0 + hidden + j);
                g.intoArray(gates, g0 + 2 * hidden + j);
                o.intoArray(gates, g0 + 3 * hidden + j);
                FloatVector cell = f.fma(load(c, prev + j), i.mul(g));
                FloatVector t = tanh(cell);
                cell.intoArray(c, next + j);
                t.intoArray(tanhC, tc + j);
                o.mul(t).intoArray(h, next + j);
            }
            RecurrentCells.lstmForwardPlain(hidden, gates, h, c, tanhC, tanhOffset, step, b, b + 1, bound);
        }
    }

    static void lstmBackward(int hidden, float[] gates, float[] c, float[] tanhC, int tanhOffset, float[] upstream,
                             int upstreamOffset, float[] recurrent, float[] dc, float[] dGates, RecurrentCells.Step step,
                             int from, int to) {
        int bound = S.loopBound(hidden);
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 4 * hidden;
            int prev = step.previous() + b * hidden;
            int tc = tanhOffset + b * hidden;
            int up = upstreamOffset + b * hidden;
            int row = b * hidden;
            for (int j = 0; j < bound; j += L) {
                FloatVector i = load(gates, g0 + j);
                FloatVector f = load(gates, g0 + hidden + j);
                FloatVector g = load(gates, g0 + 2 * hidden + j);
                FloatVector o = load(gates, g0 + 3 * hidden + j);
                FloatVector t = load(tanhC, tc + j);
                FloatVector dh = load(upstream, up + j).add(load(recurrent, row + j));
                FloatVector dCell = dh.mul(o).fma(t.fma(t.neg(), FloatVector.broadcast(S, 1f)), load(dc, row + j));
                dCell.mul(g).mul(i.fma(i.neg(), i)).intoArray(dGates, g0 + j);              // i (1 - i) = i - i^2
                dCell.mul(load(c, prev + j)).mul(f.fma(f.neg(), f)).intoArray(dGates, g0 + hidden + j);
                dCell.mul(i).mul(g.fma(g.neg(), FloatVector.broadcast(S, 1f))).intoArray(dGates, g0 + 2 * hidden + j);
                dh.mul(t).mul(o.fma(o.neg(), o)).intoArray(dGates, g0 + 3 * hidden + j);
                dCell.mul(f).intoArray(dc, row + j);
            }
            RecurrentCells.lstmBackwardPlain(hidden, gates, c, tanhC, tanhOffset, upstream, upstreamOffset, recurrent, dc,
                    dGates, step, b, b + 1, bound);
        }
    }

    static void gruForward(int hidden, float[] gates, float[] hp, float[] bHn, float[] hn, int hnOffset, float[] h,
                           RecurrentCells.Step step, int from, int to) {
        int bound = S.loopBound(hidden);
        FloatVector zero = FloatVector.zero(S);
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 3 * hidden;
            int p0 = b * 3 * hidden;
            int prev = step.previous() + b * hidden;
            int next = step.next() + b * hidden;
            int k = hnOffset + b * hidden;
            for (int j = 0; j < bound; j += L) {
                FloatVector r = sigmoid(load(gates, g0 + j).add(load(hp, p0 + j)));
                FloatVector z = sigmoid(load(gates, g0 + hidden + j).add(load(hp, p0 + hidden + j)));
                FloatVector hiddenN = load(hp, p0 + 2 * hidden + j).add(bHn == null ? zero : load(bHn, j));
                FloatVector n = tanh(r.fma(hiddenN, load(gates, g0 + 2 * hidden + j)));
                r.intoArray(gates, g0 + j);
                z.intoArray(gates, g0 + hidden + j);
                n.intoArray(gates, g0 + 2 * hidden + j);
                hiddenN.intoArray(hn, k + j);
                z.fma(load(h, prev + j).sub(n), n).intoArray(h, next + j);                 // n + z (h - n)
            }
            RecurrentCells.gruForwardPlain(hidden, gates, hp, bHn, hn, hnOffset, h, step, b, b + 1, bound);
        }
    }

    static void gruBackward(int hidden, float[] gates, float[] hn, int hnOffset, float[] h, float[] upstream,
                            int upstreamOffset, float[] recurrent, float[] dInput, float[] dHidden, float[] direct,
                            RecurrentCells.Step step, int from, int to) {
        int bound = S.loopBound(hidden);
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 3 * hidden;
            int prev = step.previous() + b * hidden;
            int k = hnOffset + b * hidden;
            int up = upstreamOffset + b * hidden;
            int row = b * hidden;
            for (int j = 0; j < bound; j += L) {
                FloatVector r = load(gates, g0 + j);
                FloatVector z = load(gates, g0 + hidden + j);
                FloatVector n = load(gates, g0 + 2 * hidden + j);
                FloatVector dh = load(upstream, up + j).add(load(recurrent, row + j));
                FloatVector dn = dh.sub(dh.mul(z)).mul(n.fma(n.neg(), FloatVector.broadcast(S, 1f)));
                FloatVector dz = dh.mul(load(h, prev + j).sub(n)).mul(z.fma(z.neg(), z));
                FloatVector dr = dn.mul(load(hn, k + j)).mul(r.fma(r.neg(), r));
                dr.intoArray(dInput, g0 + j);
                dz.intoArray(dInput, g0 + hidden + j);
                dn.intoArray(dInput, g0 + 2 * hidden + j);
                dr.intoArray(dHidden, g0 + j);
                dz.intoArray(dHidden, g0 + hidden + j);
                dn.mul(r).intoArray(dHidden, g0 + 2 * hidden + j);
                dh.mul(z).intoArray(direct, row + j);
            }
            RecurrentCells.gruBackwardPlain(hidden, gates, hn, hnOffset, h, upstream, upstreamOffset, recurrent, dInput,
                    dHidden, direct, step, b, b + 1, bound);
        }
    }

    /** block[j] += m[offset + r * columns + j] for every row r < rows, j < columns. */
    static void addRows(float[] m, int offset, int rows, int columns, float[] block) {
        int bound = S.loopBound(columns);
        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            int j = 0;
            for (; j < bound; j += L) load(block, j).add(load(m, row + j)).intoArray(block, j);
            for (; j < columns; j++) block[j] += m[row + j];
        }
    }
}
