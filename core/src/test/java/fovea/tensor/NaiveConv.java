package fovea.tensor;

/**
 * The test oracle of the fused convolutions: the direct definition as seven nested loops over plain arrays,
 * forward and both derivatives, with no lowering, no threads and no cleverness.
 */
final class NaiveConv {
    private NaiveConv() {}

    /** Values and gradients of one naive evaluation, as flat arrays. */
    record Result(float[] out, float[] dx, float[] dw, float[] db) {}

    /**
     * conv2d of x [n, c, h, w] with w [k, c/groups, kh, kw] and bias [k] (or null), and the gradients of
     * sum(out * upstream) for the given upstream [n, k, oh, ow].
     */
    static Result conv2d(Tensor xt, Tensor wt, Tensor bt, ConvSpec s, Tensor upstream) {
        float[] x = xt.toArray(), w = wt.toArray(), g = upstream.toArray();
        int n = xt.size(0), c = xt.size(1), h = xt.size(2), wd = xt.size(3);
        int k = wt.size(0), cg = wt.size(1), kh = wt.size(2), kw = wt.size(3);
        int kg = k / s.groups();
        int oh = (h + 2 * s.paddingH() - s.dilationH() * (kh - 1) - 1) / s.strideH() + 1;
        int ow = (wd + 2 * s.paddingW() - s.dilationW() * (kw - 1) - 1) / s.strideW() + 1;
        float[] out = new float[n * k * oh * ow], dx = new float[x.length], dw = new float[w.length], db = new float[k];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < k; f++) {
                int group = f / kg;
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        int o = ((b * k + f) * oh + y) * ow + z;
                        double sum = bt == null ? 0 : bt.get(f);
                        if (bt != null) db[f] += g[o];
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int r = y * s.strideH() - s.paddingH() + i * s.dilationH();
                                    int q = z * s.strideW() - s.paddingW() + j * s.dilationW();
                                    if (r < 0 || r >= h || q < 0 || q >= wd) continue;
                                    int xi = ((b * c + group * cg + ci) * h + r) * wd + q;
                                    int wi = ((f * cg + ci) * kh + i) * kw + j;
                                    sum += (double) w[wi] * x[xi];
                                    dx[xi] += w[wi] * g[o];
                                    dw[wi] += x[xi] * g[o];
                                }
                            }
                        }
                        out[o] = (float) sum;
                    }
                }
            }
        }
        return new Result(out, dx, dw, db);
    }

    /**
     * conv_transpose2d of x [n, c, h, w] with w [c, k/groups, kh, kw] and bias [k] (or null): every input value
     * scattered through the kernel; gradients of sum(out * upstream).
     */
    static Result convTranspose2d(Tensor xt, Tensor wt, Tensor bt, ConvTransposeSpec s, Tensor upstream) {
        float[] x = xt.toArray(), w = wt.toArray(), g = upstream.toArray();
        int n = xt.size(0), c = xt.size(1), h = xt.size(2), wd = xt.size(3);
        int kg = wt.size(1), kh = wt.size(2), kw = wt.size(3);
        int k = kg * s.groups(), cg = c / s.groups();
        int oh = (h - 1) * s.strideH() - 2 * s.paddingH() + s.dilationH() * (kh - 1) + s.outputPaddingH() + 1;
        int ow = (wd - 1) * s.strideW() - 2 * s.paddingW() + s.dilationW() * (kw - 1) + s.outputPaddingW() + 1;
        double[] sums = new double[n * k * oh * ow];
        float[] dx = new float[x.length], dw = new float[w.length], db = new float[k];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < c; ci++) {
                int group = ci / cg;
                for (int y = 0; y < h; y++) {
                    for (int z = 0; z < wd; z++) {
                        int xi = ((b * c + ci) * h + y) * wd + z;
                        for (int f = 0; f < kg; f++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int r = y * s.strideH() - s.paddingH() + i * s.dilationH();
                                    int q = z * s.strideW() - s.paddingW() + j * s.dilationW();
                                    if (r < 0 || r >= oh || q < 0 || q >= ow) continue;
                                    int o = ((b * k + group * kg + f) * oh + r) * ow + q;
                                    int wi = ((ci * kg + f) * kh + i) * kw + j;
                                    sums[o] += (double) w[wi] * x[xi];
                                    dx[xi] += w[wi] * g[o];
                                    dw[wi] += x[xi] * g[o];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[sums.length];
        for (int o = 0; o < out.length; o++) {
            int f = (o / (oh * ow)) % k;
            out[o] = (float) sums[o] + (bt == null ? 0f : bt.get(f));
            if (bt != null) db[f] += g[o];
        }
        return new Result(out, dx, dw, db);
    }
}
