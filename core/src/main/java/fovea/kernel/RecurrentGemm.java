package fovea.kernel;

/**
 * One layer of a recurrent network in one direction, forward and backward through time, on {@link Sgemm}: the
 * input projections of all time steps in one GEMM, x [T*B, I] times W_ihᵀ [I, G*H]; then per step one GEMM
 * h [B, H] times W_hhᵀ [H, G*H] for all gates at once and the fused elementwise step of {@link RecurrentCells}.
 * W_hh is packed for the GEMM once per call ({@link Sgemm.PackedB}), not once per step: that took the one-layer
 * LSTM benchmark (batch 64, 32 steps, 128 to 256) from 83 to 58 ms and the GRU from 60 to 42 ms.
 * The backward pass runs the steps in reverse with one GEMM per step for the recurrent gradient, then gets the
 * weight and input gradients of all steps at once: dW_ih = dGᵀ x, dW_hh = dGᵀ h_prev, dx = dG W_ih.
 *
 * <p>Layouts are PyTorch's: weights [G*H, I] and [G*H, H] with the gates stacked in PyTorch's order (LSTM i,f,g,o;
 * GRU r,z,n), x [T, B, I] time-major in the order the steps run (callers reverse time for the backward direction).
 * No buffer is allocated inside the time loop; the per-call buffers are kept in {@link Saved} for backward.
 */
public final class RecurrentGemm {
    /** Fewest values of one step's elementwise pass given to a thread: below this the hand-off costs more. */
    static final int STEP_GRAIN = 1 << 13;

    private RecurrentGemm() {}

    /** The cell kinds and their number of gates G. */
    public enum Cell {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        /** G: the number of gate blocks stacked in the weights. */
        public final int gates;

        Cell(int gates) {
            this.gates = gates;
        }
    }

    /** The sizes of one layer-direction: T steps of B sequences, I inputs and H hidden units. */
    public record Problem(Cell cell, int steps, int batch, int inputSize, int hiddenSize) {
        public Problem {
            if (cell == null || steps < 1 || batch < 1 || inputSize < 1 || hiddenSize < 1) {
                throw new IllegalArgumentException("RecurrentGemm: expected a cell and steps, batch, inputSize, hiddenSize "
                        + ">= 1; got " + cell + ", steps=" + steps + ", batch=" + batch + ", inputSize=" + inputSize
                        + ", hiddenSize=" + hiddenSize);
            }
        }

        int gateWidth() {
            return cell.gates * hiddenSize;
        }

        int stateSize() {
            return batch * hiddenSize;
        }
    }

    /** The weights as arrays: wIh [G*H, I], wHh [G*H, H], biases [G*H] or null. */
    public record Weights(float[] wIh, float[] wHh, float[] bIh, float[] bHh) {}

    /**
     * What forward keeps for backward: h [(T+1) B H] with h0 first; the activated gates [T B G*H]; for LSTM the
     * cells c [(T+1) B H] and tanh(c) [T B H]; for GRU the hidden part of n, W_hn h + b_hn [T B H].
     */
    public record Saved(float[] h, float[] gates, float[] c, float[] extra) {}

    /** The gradients to fill (each null when not wanted); all are overwritten, not accumulated. */
    public record Grads(float[] dx, float[] dh0, float[] dc0, float[] dwIh, float[] dwHh, float[] dbIh, float[] dbHh) {}

    /**
     * Runs the layer over x [T B I] from h0 [B H] (and c0 for LSTM; null means zeros); the hidden states of every
     * step are h[B H ..] of the result.
     */
    public static Saved forward(Problem p, Weights w, float[] x, float[] h0, float[] c0) {
        int T = p.steps();
        int B = p.batch();
        int H = p.hiddenSize();
        int width = p.gateWidth();
        int state = p.stateSize();
        float[] h = new float[(T + 1) * state];
        if (h0 != null) System.arraycopy(h0, 0, h, 0, state);
        float[] gates = new float[T * B * width];
        fillBias(p, w, gates);
        Sgemm.sgemm(false, true, T * B, width, p.inputSize(), 1f, x, 0, p.inputSize(), w.wIh(), 0, p.inputSize(),
                1f, gates, 0, width);
        int rows = Math.max(1, STEP_GRAIN / (width + H));
        // W_hhᵀ [H, G*H] packed once per call for the steps' GEMMs, instead of once per step
        Sgemm.PackedB whhT = Sgemm.pack(true, H, width, w.wHh(), 0, H);
        switch (p.cell()) {
            case RNN_TANH, RNN_RELU -> {
                boolean relu = p.cell() == Cell.RNN_RELU;
                for (int s = 0; s < T; s++) {
                    int g = s * B * width;
                    Sgemm.sgemm(false, B, 1f, h, s * state, H, whhT, 1f, gates, g, width);
                    RecurrentCells.Step step = new RecurrentCells.Step(g, s * state, (s + 1) * state);
                    Parallel.forRange(B, rows, (from, to) -> RecurrentCells.rnnForward(relu, H, gates, h, step, from, to));
                }
                return new Saved(h, gates, null, null);
            }
            case LSTM -> {
                float[] c = new float[(T + 1) * state];
                if (c0 != null) System.arraycopy(c0, 0, c, 0, state);
                float[] tanhC = new float[T * state];
                for (int s = 0; s < T; s++) {
                    int g = s * B * width;
                    int tanhOffset = s * state;
                    Sgemm.sgemm(false, B, 1f, h, s * state, H, whhT, 1f, gates, g, width);
                    RecurrentCells.Step step = new RecurrentCells.Step(g, s * state, (s + 1) * state);
                    Parallel.forRange(B, rows, (from, to) ->
                            RecurrentCells.lstmForward(H, gates, h, c, tanhC, tanhOffset, step, from, to));
                }
                return new Saved(h, gates, c, tanhC);
            }
            case GRU -> {
                float[] hp = new float[B * width];
                float[] hn = new float[T * state];
                float[] bHn = w.bHh() == null ? null : java.util.Arrays.copyOfRange(w.bHh(), 2 * H, 3 * H);
                for (int s = 0; s < T; s++) {
                    int g = s * B * width;
                    int hnOffset = s * state;
                    Sgemm.sgemm(false, B, 1f, h, s * state, H, whhT, 0f, hp, 0, width);
                    RecurrentCells.Step step = new RecurrentCells.Step(g, s * state, (s + 1) * state);
                    Parallel.forRange(B, rows, (from, to) ->
                            RecurrentCells.gruForward(H, gates, hp, bHn, hn, hnOffset, h, step, from, to));
                }
                return new Saved(h, gates, null, hn);
            }
            default -> throw new IllegalStateException("RecurrentGemm: unknown cell " + p.cell());
        }
    }

    /**
     * Every row of gates starts as the biases: b_ih + b_hh, except GRU's n block, which takes b_ih only (its
     * b_hn sits inside r (W_hn h + b_hn)).
     */
    private static void fillBias(Problem p, Weights w, float[] gates) {
        int width = p.gateWidth();
        if (w.bIh() == null && w.bHh() == null) return;
        float[] row = new float[width];
        int hiddenBiasEnd = p.cell() == Cell.GRU ? 2 * p.hiddenSize() : width;
        for (int j = 0; j < width; j++) {
            row[j] = (w.bIh() == null ? 0f : w.bIh()[j]) + (w.bHh() == null || j >= hiddenBiasEnd ? 0f : w.bHh()[j]);
        }
        for (int offset = 0; offset < gates.length; offset += width) System.arraycopy(row, 0, gates, offset, width);
    }

    /**
     * Backpropagates through time: dOut [T B H] is the gradient of every step's hidden state (the final state's
     * gradient included), dcLast [B H] the LSTM's final cell gradient or null; fills the wanted gradients.
     */
    public static void backward(Problem p, Weights w, float[] x, Saved saved, float[] dOut, float[] dcLast, Grads grads) {
        int T = p.steps();
        int B = p.batch();
        int H = p.hiddenSize();
        int width = p.gateWidth();
        int state = p.stateSize();
        int rows = Math.max(1, STEP_GRAIN / (width + H));
        float[] recurrent = new float[state];
        float[] dGates = new float[T * B * width];
        float[] dHidden = dGates;                         // the gradient of the hidden side's pre-activations
        Sgemm.PackedB whh = Sgemm.pack(false, width, H, w.wHh(), 0, H);       // once per call, not per step
        switch (p.cell()) {
            case RNN_TANH, RNN_RELU -> {
                boolean relu = p.cell() == Cell.RNN_RELU;
                for (int s = T - 1; s >= 0; s--) {
                    int g = s * B * width;
                    int up = s * state;
                    RecurrentCells.Step step = new RecurrentCells.Step(g, s * state, (s + 1) * state);
                    Parallel.forRange(B, rows, (from, to) ->
                            RecurrentCells.rnnBackward(relu, H, saved.h(), dOut, up, recurrent, dGates, step, from, to));
                    Sgemm.sgemm(false, B, 1f, dGates, g, width, whh, 0f, recurrent, 0, H);
                }
            }
            case LSTM -> {
                float[] dc = new float[state];
                if (dcLast != null) System.arraycopy(dcLast, 0, dc, 0, state);
                for (int s = T - 1; s >= 0; s--) {
                    int g = s * B * width;
                    int up = s * state;
                    RecurrentCells.Step step = new RecurrentCells.Step(g, s * state, (s + 1) * state);
                    Parallel.forRange(B, rows, (from, to) -> RecurrentCells.lstmBackward(H, saved.gates(), saved.c(),
                            saved.extra(), up, dOut, up, recurrent, dc, dGates, step, from, to));
                    Sgemm.sgemm(false, B, 1f, dGates, g, width, whh, 0f, recurrent, 0, H);
                }
                if (grads.dc0() != null) System.arraycopy(dc, 0, grads.dc0(), 0, state);
            }
            case GRU -> {
                dHidden = new float[T * B * width];
                float[] dHiddenGates = dHidden;
                float[] current = recurrent;
                float[] direct = new float[state];
                for (int s = T - 1; s >= 0; s--) {
                    int g = s * B * width;
                    int up = s * state;
                    RecurrentCells.Step step = new RecurrentCells.Step(g, s * state, (s + 1) * state);
                    float[] in = current;
                    float[] outDirect = direct;
                    Parallel.forRange(B, rows, (from, to) -> RecurrentCells.gruBackward(H, saved.gates(), saved.extra(),
                            up, saved.h(), dOut, up, in, dGates, dHiddenGates, outDirect, step, from, to));
                    Sgemm.sgemm(false, B, 1f, dHiddenGates, g, width, whh, 1f, direct, 0, H);
                    direct = current;
                    current = outDirect;
                }
                if (grads.dh0() != null) System.arraycopy(current, 0, grads.dh0(), 0, state);
            }
            default -> throw new IllegalStateException("RecurrentGemm: unknown cell " + p.cell());
        }
        if (p.cell() != Cell.GRU && grads.dh0() != null) System.arraycopy(recurrent, 0, grads.dh0(), 0, state);
        weightGradients(p, w, x, saved, dGates, dHidden, grads);
    }

    /**
     * The products over all steps at once: dW_ih = dGᵀ x, dW_hh = dG_hᵀ h_prev, dx = dG W_ih, biases = column sums.
     * The weight gradients are computed transposed (xᵀ dG, h_prevᵀ dG_h) and then transposed back: the GEMM runs
     * those shapes 20-40% faster than dGᵀ x with its long k (measured single-threaded, T*B = 2048, H = 256).
     */
    private static void weightGradients(Problem p, Weights w, float[] x, Saved saved, float[] dInput, float[] dHidden,
                                        Grads grads) {
        int rowsAll = p.steps() * p.batch();
        int width = p.gateWidth();
        int in = p.inputSize();
        int H = p.hiddenSize();
        if (grads.dwIh() != null) {
            float[] transposed = new float[in * width];
            Sgemm.sgemm(true, false, in, width, rowsAll, 1f, x, 0, in, dInput, 0, width, 0f, transposed, 0, width);
            transposeInto(transposed, in, width, grads.dwIh());
        }
        if (grads.dwHh() != null) {
            float[] transposed = new float[H * width];
            Sgemm.sgemm(true, false, H, width, rowsAll, 1f, saved.h(), 0, H, dHidden, 0, width, 0f, transposed, 0, width);
            transposeInto(transposed, H, width, grads.dwHh());
        }
        if (grads.dx() != null) {
            Sgemm.sgemm(false, false, rowsAll, in, width, 1f, dInput, 0, width, w.wIh(), 0, in, 0f, grads.dx(), 0, in);
        }
        if (grads.dbIh() != null) columnSums(dInput, rowsAll, width, grads.dbIh());
        if (grads.dbHh() != null) columnSums(dHidden, rowsAll, width, grads.dbHh());
    }

    /** out [cols, rows] = transpose of m [rows, cols], in 32 x 32 blocks so both sides stay in cache. */
    static void transposeInto(float[] m, int rows, int cols, float[] out) {
        for (int r0 = 0; r0 < rows; r0 += 32) {
            for (int c0 = 0; c0 < cols; c0 += 32) {
                for (int r = r0; r < Math.min(rows, r0 + 32); r++) {
                    for (int c = c0; c < Math.min(cols, c0 + 32); c++) out[c * rows + r] = m[r * cols + c];
                }
            }
        }
    }

    /**
     * out[j] = sum over rows of m[r, j]: float sums over blocks of 64 rows (vector adds), added up in double, so
     * thousands of rows keep float precision.
     */
    static void columnSums(float[] m, int rows, int columns, float[] out) {
        double[] sums = new double[columns];
        float[] block = new float[columns];
        for (int start = 0; start < rows; start += 64) {
            java.util.Arrays.fill(block, 0f);
            int count = Math.min(rows, start + 64) - start;
            if (Simd.AVAILABLE) {
                VectorRecurrentCells.addRows(m, start * columns, count, columns, block);
            } else {
                for (int r = start; r < start + count; r++) {
                    int offset = r * columns;
                    for (int j = 0; j < columns; j++) block[j] += m[offset + j];
                }
            }
            for (int j = 0; j < columns; j++) sums[j] += block[j];
        }
        for (int j = 0; j < columns; j++) out[j] = (float) sums[j];
    }
}
