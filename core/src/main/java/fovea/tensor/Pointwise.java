package fovea.tensor;

import fovea.kernel.Binary;
import fovea.kernel.Loops;
import fovea.kernel.Unary;

/** Elementwise arithmetic with broadcasting; each derivative beside its forward, summed back over broadcast dims. */
final class Pointwise {
    private Pointwise() {}

    private static Tensor binary(String op, Binary kernel, Tensor a, Tensor b, Backward backward) {
        Shape shape = Shape.broadcast(op, a.shape(), b.shape());
        return Tensor.derived(op, Broadcast.zip(kernel, a, b, shape), shape, new Tensor[] {a, b}, backward);
    }

    static Tensor unary(String op, Unary kernel, Tensor x, Backward.OfOutput backward) {
        float[] out = new float[x.numel()];
        Loops.unary(kernel, x.data, 0, out, 0, out.length);
        return Tensor.derived(op, out, x.shape(), new Tensor[] {x}, backward);
    }

    /** d(a+b)/da = d(a+b)/db = 1. */
    static Tensor add(Tensor a, Tensor b) {
        return binary("add", Binary.ADD, a, b, g -> new Tensor[] {g.sumTo(a.shape()), g.sumTo(b.shape())});
    }

    /** d(a-b)/da = 1, d(a-b)/db = -1. */
    static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", Binary.SUB, a, b, g -> new Tensor[] {g.sumTo(a.shape()), g.neg().sumTo(b.shape())});
    }

    /** d(a*b)/da = b, d(a*b)/db = a. */
    static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", Binary.MUL, a, b, g -> new Tensor[] {
            a.requiresGrad() ? g.mul(b).sumTo(a.shape()) : null,
            b.requiresGrad() ? g.mul(a).sumTo(b.shape()) : null});
    }

    /** d(a/b)/da = 1/b, d(a/b)/db = -a/b^2. */
    static Tensor div(Tensor a, Tensor b) {
        return binary("div", Binary.DIV, a, b, g -> new Tensor[] {
            a.requiresGrad() ? g.div(b).sumTo(a.shape()) : null,
            b.requiresGrad() ? g.mul(a).div(b.mul(b)).neg().sumTo(b.shape()) : null});
    }

    /** d(a^b)/da = b a^(b-1), d(a^b)/db = a^b log a (taken as 0 where a = 0, as PyTorch does). */
    static Tensor pow(Tensor a, Tensor b) {
        Shape shape = Shape.broadcast("pow", a.shape(), b.shape());
        return Tensor.derived("pow", Broadcast.zip(Binary.POW, a, b, shape), shape, new Tensor[] {a, b}, (y, g) -> new Tensor[] {
            a.requiresGrad() ? g.mul(b).mul(a.pow(b.sub(1f))).sumTo(a.shape()) : null,
            b.requiresGrad() ? g.mul(y).mul(Tensor.where(a.eq(0f), Tensor.scalar(0f), a.log())).sumTo(b.shape()) : null});
    }

    /** d(x^p)/dx = p x^(p-1). */
    static Tensor pow(Tensor x, float exponent) {
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) out[i] = (float) Math.pow(x.data[i], exponent);
        return Tensor.derived("pow", out, x.shape(), new Tensor[] {x},
                g -> new Tensor[] {g.mul(x.pow(exponent - 1)).mul(exponent)});
    }

    /** The larger of a and b; the gradient goes to the larger, split in half on ties (PyTorch's rule). */
    static Tensor maximum(Tensor a, Tensor b) {
        return binary("maximum", Binary.MAX, a, b, g -> tieSplit(g, a, b, a.gt(b)));
    }

    /** The smaller of a and b; the gradient goes to the smaller, split in half on ties. */
    static Tensor minimum(Tensor a, Tensor b) {
        return binary("minimum", Binary.MIN, a, b, g -> tieSplit(g, a, b, a.lt(b)));
    }

    private static Tensor[] tieSplit(Tensor g, Tensor a, Tensor b, Tensor aWins) {
        Tensor share = aWins.add(a.eq(b).mul(0.5f));
        return new Tensor[] {g.mul(share).sumTo(a.shape()), g.mul(share.neg().add(1f)).sumTo(b.shape())};
    }

    /** A 0/1 mask; comparisons have no gradient. */
    static Tensor compare(String op, Binary kernel, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast(op, a.shape(), b.shape());
        return new Tensor(Broadcast.zip(kernel, a, b, shape), shape);
    }

    /** mask ? a : b, broadcasting all three; the gradient goes to the chosen side. */
    static Tensor where(Tensor mask, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast("where", Shape.broadcast("where", mask.shape(), a.shape()), b.shape());
        float[] m = Broadcast.expand(mask, shape);
        float[] x = Broadcast.expand(a, shape);
        float[] y = Broadcast.expand(b, shape);
        float[] out = new float[shape.numel()];
        for (int i = 0; i < out.length; i++) out[i] = m[i] != 0 ? x[i] : y[i];
        Tensor chosen = new Tensor(m, shape).ne(Tensor.scalar(0f));
        return Tensor.derived("where", out, shape, new Tensor[] {mask, a, b}, g -> new Tensor[] {
            null, g.mul(chosen).sumTo(a.shape()), g.mul(chosen.neg().add(1f)).sumTo(b.shape())});
    }

    /** d(-x)/dx = -1. */
    static Tensor neg(Tensor x) {
        return unary("neg", Unary.NEG, x, (out, g) -> new Tensor[] {g.neg()});
    }

    /** d(e^x)/dx = e^x. */
    static Tensor exp(Tensor x) {
        return unary("exp", Unary.EXP, x, (out, g) -> new Tensor[] {g.mul(out)});
    }

    /** d(log x)/dx = 1/x. */
    static Tensor log(Tensor x) {
        return unary("log", Unary.LOG, x, (out, g) -> new Tensor[] {g.div(x)});
    }

    /** d(sqrt x)/dx = 1 / (2 sqrt x). */
    static Tensor sqrt(Tensor x) {
        return unary("sqrt", Unary.SQRT, x, (out, g) -> new Tensor[] {g.div(out.mul(2f))});
    }

    /** d|x|/dx = sign(x), 0 at 0. */
    static Tensor abs(Tensor x) {
        return unary("abs", Unary.ABS, x, (out, g) -> new Tensor[] {g.mul(x.gt(0f).sub(x.lt(0f)))});
    }

    /** min(max(x, min), max); the gradient passes where min <= x <= max. */
    static Tensor clamp(Tensor x, float min, float max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp: expected min <= max; got min=" + min + ", max=" + max);
        }
        float[] out = new float[x.numel()];
        for (int i = 0; i < out.length; i++) {
            float v = x.data[i];
            out[i] = v < min ? min : (v > max ? max : v);   // NaN falls through unchanged, as in PyTorch
        }
        return Tensor.derived("clamp", out, x.shape(), new Tensor[] {x},
                g -> new Tensor[] {g.mul(x.ge(Tensor.scalar(min)).mul(x.le(Tensor.scalar(max))))});
    }
}
