package fovea.kernel;

/**
 * The elementwise part of one time step of a recurrent cell, forward and backward, fused into one pass over the
 * batch rows: what would otherwise be a dozen small ops per step. Gate pre-activations are laid out per row as
 * the GEMM writes them, [batch, gates * hidden], in PyTorch's gate order (LSTM i, f, g, o; GRU r, z, n).
 *
 * <p>Every method works on the rows [from, to) of the batch (the plain loops from a first column on, so the vector
 * path can hand them a row's tail), so {@link RecurrentGemm} can split a step over
 * threads; rows are independent. The arrays are addressed with offsets so that the step's slice of a buffer
 * holding all time steps is used in place, without copies.
 */
final class RecurrentCells {
    private RecurrentCells() {}

    /** 1 / (1 + e^-x); e^-x overflows to infinity for very negative x, which still gives the right limit 0. */
    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** tanh(x) = 1 - 2 / (e^2x + 1): one exp, exact limits ±1 where e^2x overflows or vanishes. */
    static float tanh(float x) {
        return (float) (1 - 2 / (Math.exp(2.0 * x) + 1));
    }

    /** Offsets of one step's slices: where the step's gates, previous state and new state start. */
    record Step(int gates, int previous, int next) {}

    // ---- the fast path when the Vector API is there, else the plain loops below (the oracle) --------------

    static void rnnForward(boolean relu, int hidden, float[] a, float[] state, Step step, int from, int to) {
        if (Simd.AVAILABLE) VectorRecurrentCells.rnnForward(relu, hidden, a, state, step, from, to);
        else rnnForwardPlain(relu, hidden, a, state, step, from, to, 0);
    }

    static void rnnBackward(boolean relu, int hidden, float[] state, float[] upstream, int upstreamOffset,
                            float[] recurrent, float[] dGates, Step step, int from, int to) {
        if (Simd.AVAILABLE) {
            VectorRecurrentCells.rnnBackward(relu, hidden, state, upstream, upstreamOffset, recurrent, dGates, step, from, to);
        } else {
            rnnBackwardPlain(relu, hidden, state, upstream, upstreamOffset, recurrent, dGates, step, from, to, 0);
        }
    }

    static void lstmForward(int hidden, float[] gates, float[] h, float[] c, float[] tanhC, int tanhOffset,
                            Step step, int from, int to) {
        if (Simd.AVAILABLE) VectorRecurrentCells.lstmForward(hidden, gates, h, c, tanhC, tanhOffset, step, from, to);
        else lstmForwardPlain(hidden, gates, h, c, tanhC, tanhOffset, step, from, to, 0);
    }

    static void lstmBackward(int hidden, float[] gates, float[] c, float[] tanhC, int tanhOffset, float[] upstream,
                             int upstreamOffset, float[] recurrent, float[] dc, float[] dGates, Step step, int from, int to) {
        if (Simd.AVAILABLE) {
            VectorRecurrentCells.lstmBackward(hidden, gates, c, tanhC, tanhOffset, upstream, upstreamOffset, recurrent, dc,
                    dGates, step, from, to);
        } else {
            lstmBackwardPlain(hidden, gates, c, tanhC, tanhOffset, upstream, upstreamOffset, recurrent, dc, dGates, step,
                    from, to, 0);
        }
    }

    static void gruForward(int hidden, float[] gates, float[] hp, float[] bHn, float[] hn, int hnOffset, float[] h,
                           Step step, int from, int to) {
        if (Simd.AVAILABLE) VectorRecurrentCells.gruForward(hidden, gates, hp, bHn, hn, hnOffset, h, step, from, to);
        else gruForwardPlain(hidden, gates, hp, bHn, hn, hnOffset, h, step, from, to, 0);
    }

    static void gruBackward(int hidden, float[] gates, float[] hn, int hnOffset, float[] h, float[] upstream,
                            int upstreamOffset, float[] recurrent, float[] dInput, float[] dHidden, float[] direct,
                            Step step, int from, int to) {
        if (Simd.AVAILABLE) {
            VectorRecurrentCells.gruBackward(hidden, gates, hn, hnOffset, h, upstream, upstreamOffset, recurrent, dInput,
                    dHidden, direct, step, from, to);
        } else {
            gruBackwardPlain(hidden, gates, hn, hnOffset, h, upstream, upstreamOffset, recurrent, dInput, dHidden, direct,
                    step, from, to, 0);
        }
    }

    // ---- plain loops over the columns [column, hidden) of rows [from, to) ---------------------------------

    // ---- vanilla RNN -------------------------------------------------------------------------------------

    /** h = tanh(a) (or relu(a)); a [B, H] at gates, h written to state at next. */
    static void rnnForwardPlain(boolean relu, int hidden, float[] a, float[] state, Step step, int from, int to, int column) {
        for (int b = from; b < to; b++) {
            int ga = step.gates() + b * hidden;
            int hn = step.next() + b * hidden;
            for (int j = column; j < hidden; j++) {
                float v = a[ga + j];
                state[hn + j] = relu ? (v > 0 ? v : 0f) : tanh(v);
            }
        }
    }

    /** da = dh * (1 - h^2) (or dh * [h > 0]), with dh = upstream + recurrent; written to dGates at gates. */
    static void rnnBackwardPlain(boolean relu, int hidden, float[] state, float[] upstream, int upstreamOffset,
                            float[] recurrent, float[] dGates, Step step, int from, int to, int column) {
        for (int b = from; b < to; b++) {
            int hn = step.next() + b * hidden;
            int up = upstreamOffset + b * hidden;
            int rec = b * hidden;
            int ga = step.gates() + b * hidden;
            for (int j = column; j < hidden; j++) {
                float h = state[hn + j];
                float dh = upstream[up + j] + recurrent[rec + j];
                dGates[ga + j] = relu ? (h > 0 ? dh : 0f) : dh * (1 - h * h);
            }
        }
    }

    // ---- LSTM --------------------------------------------------------------------------------------------

    /**
     * i, f, o = sigmoid, g = tanh of the pre-activations (replaced in place by the activations);
     * c' = f c + i g; h' = o tanh(c'). tanh(c') is kept for the backward pass.
     */
    static void lstmForwardPlain(int hidden, float[] gates, float[] h, float[] c, float[] tanhC, int tanhOffset,
                            Step step, int from, int to, int column) {
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 4 * hidden;
            int prev = step.previous() + b * hidden;
            int next = step.next() + b * hidden;
            int tc = tanhOffset + b * hidden;
            for (int j = column; j < hidden; j++) {
                float i = sigmoid(gates[g0 + j]);
                float f = sigmoid(gates[g0 + hidden + j]);
                float g = tanh(gates[g0 + 2 * hidden + j]);
                float o = sigmoid(gates[g0 + 3 * hidden + j]);
                gates[g0 + j] = i;
                gates[g0 + hidden + j] = f;
                gates[g0 + 2 * hidden + j] = g;
                gates[g0 + 3 * hidden + j] = o;
                float cell = f * c[prev + j] + i * g;
                float t = tanh(cell);
                c[next + j] = cell;
                tanhC[tc + j] = t;
                h[next + j] = o * t;
            }
        }
    }

    /**
     * With dh = upstream + recurrent and dc the cell gradient from the step after (updated in place to the one
     * before): dc += dh o (1 - tanh^2 c'); di = dc g, df = dc c, dg = dc i, do = dh tanh c', each times its
     * activation's derivative, into dGates; dc becomes dc f.
     */
    static void lstmBackwardPlain(int hidden, float[] gates, float[] c, float[] tanhC, int tanhOffset, float[] upstream,
                             int upstreamOffset, float[] recurrent, float[] dc, float[] dGates, Step step, int from, int to, int column) {
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 4 * hidden;
            int prev = step.previous() + b * hidden;
            int tc = tanhOffset + b * hidden;
            int up = upstreamOffset + b * hidden;
            int row = b * hidden;
            for (int j = column; j < hidden; j++) {
                float i = gates[g0 + j];
                float f = gates[g0 + hidden + j];
                float g = gates[g0 + 2 * hidden + j];
                float o = gates[g0 + 3 * hidden + j];
                float t = tanhC[tc + j];
                float dh = upstream[up + j] + recurrent[row + j];
                float dCell = dc[row + j] + dh * o * (1 - t * t);
                dGates[g0 + j] = dCell * g * i * (1 - i);
                dGates[g0 + hidden + j] = dCell * c[prev + j] * f * (1 - f);
                dGates[g0 + 2 * hidden + j] = dCell * i * (1 - g * g);
                dGates[g0 + 3 * hidden + j] = dh * t * o * (1 - o);
                dc[row + j] = dCell * f;
            }
        }
    }

    // ---- GRU ---------------------------------------------------------------------------------------------

    /**
     * r = sigmoid(x_r + h_r), z = sigmoid(x_z + h_z), n = tanh(x_n + r (h_n + b_hn)), h' = (1 - z) n + z h.
     * The input part (gates, biases of r and z folded in) is replaced in place by r, z, n; the hidden part
     * hp [B, 3H] comes from this step's GEMM; h_n + b_hn is kept in hn for the backward pass.
     */
    static void gruForwardPlain(int hidden, float[] gates, float[] hp, float[] bHn, float[] hn, int hnOffset, float[] h,
                           Step step, int from, int to, int column) {
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 3 * hidden;
            int p0 = b * 3 * hidden;
            int prev = step.previous() + b * hidden;
            int next = step.next() + b * hidden;
            int k = hnOffset + b * hidden;
            for (int j = column; j < hidden; j++) {
                float r = sigmoid(gates[g0 + j] + hp[p0 + j]);
                float z = sigmoid(gates[g0 + hidden + j] + hp[p0 + hidden + j]);
                float hiddenN = hp[p0 + 2 * hidden + j] + (bHn == null ? 0f : bHn[j]);
                float n = tanh(gates[g0 + 2 * hidden + j] + r * hiddenN);
                gates[g0 + j] = r;
                gates[g0 + hidden + j] = z;
                gates[g0 + 2 * hidden + j] = n;
                hn[k + j] = hiddenN;
                h[next + j] = (1 - z) * n + z * h[prev + j];
            }
        }
    }

    /**
     * With dh = upstream + recurrent: dn = dh (1 - z) (1 - n^2), dz = dh (h - n) z (1 - z),
     * dr = dn (h_n + b_hn) r (1 - r). The input side gets (dr, dz, dn) in dInput; the hidden side
     * (dr, dz, dn r) in dHidden; the direct path dh z goes to direct, to which the GEMM adds the rest.
     */
    static void gruBackwardPlain(int hidden, float[] gates, float[] hn, int hnOffset, float[] h, float[] upstream,
                            int upstreamOffset, float[] recurrent, float[] dInput, float[] dHidden, float[] direct,
                            Step step, int from, int to, int column) {
        for (int b = from; b < to; b++) {
            int g0 = step.gates() + b * 3 * hidden;
            int prev = step.previous() + b * hidden;
            int k = hnOffset + b * hidden;
            int up = upstreamOffset + b * hidden;
            int row = b * hidden;
            for (int j = column; j < hidden; j++) {
                float r = gates[g0 + j];
                float z = gates[g0 + hidden + j];
                float n = gates[g0 + 2 * hidden + j];
                float dh = upstream[up + j] + recurrent[row + j];
                float dn = dh * (1 - z) * (1 - n * n);
                float dz = dh * (h[prev + j] - n) * z * (1 - z);
                float dr = dn * hn[k + j] * r * (1 - r);
                dInput[g0 + j] = dr;
                dInput[g0 + hidden + j] = dz;
                dInput[g0 + 2 * hidden + j] = dn;
                dHidden[g0 + j] = dr;
                dHidden[g0 + hidden + j] = dz;
                dHidden[g0 + 2 * hidden + j] = dn * r;
                direct[row + j] = dh * z;
            }
        }
    }
}
