package fovea.tensor;

import fovea.kernel.PoolGeometry;
import fovea.kernel.PoolLoops;

/** 2-d max, average and adaptive-average pooling of [N, C, H, W] images, each one fused node. */
final class Pooling {
    private Pooling() {}

    /** The window's geometry on x, or an error naming the op, the window and the shape when it does not fit. */
    static PoolGeometry geometry(String op, Shape shape, Images.Window w) {
        if (shape.rank() != 4) throw new IllegalArgumentException(op + ": expected input [N, C, H, W]; got " + shape);
        int spanH = (w.kernelH() - 1) * w.dilationH() + 1;
        int spanW = (w.kernelW() - 1) * w.dilationW() + 1;
        if (w.padH() > spanH / 2 || w.padW() > spanW / 2) {
            throw new IllegalArgumentException(op + ": padding must be at most half the kernel's extent; got " + w
                    + " for input " + shape);
        }
        int height = shape.dim(2);
        int width = shape.dim(3);
        int outH = outputSize(height, spanH, w.strideH(), w.padH(), w.ceilMode());
        int outW = outputSize(width, spanW, w.strideW(), w.padW(), w.ceilMode());
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": the " + spanH + "x" + spanW + " window of " + w
                    + " does not fit input " + shape + "; expected H + 2*" + w.padH() + " >= " + spanH
                    + " and W + 2*" + w.padW() + " >= " + spanW);
        }
        return new PoolGeometry(height, width, outH, outW, w.kernelH(), w.kernelW(), w.strideH(), w.strideW(),
                w.padH(), w.padW(), w.dilationH(), w.dilationW());
    }

    /** floor (or ceil) of (in + 2 pad - span) / stride, plus 1; with ceil, a last window starting in the padding is dropped (PyTorch's rule). */
    static int outputSize(int in, int span, int stride, int pad, boolean ceilMode) {
        int room = in + 2 * pad - span;
        if (room < 0) return 0;
        int out = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + pad) out--;
        return out;
    }

    /** The max over each window; the gradient goes to where each max came from (the first in row-major order on ties). */
    static Tensor maxPool2d(Tensor x, Images.Window window) {
        PoolGeometry g = geometry("maxPool2d", x.shape(), window);
        Shape inShape = x.shape();
        int planes = inShape.dim(0) * inShape.dim(1);
        float[] out = new float[planes * g.outPlane()];
        int[] argmax = new int[out.length];
        PoolLoops.maxForward(x.data, out, argmax, planes, g);
        return Tensor.derived("maxPool2d", out, Shape.of(inShape.dim(0), inShape.dim(1), g.outHeight(), g.outWidth()),
                new Tensor[] {x}, grad -> {
                    float[] back = new float[inShape.numel()];
                    PoolLoops.maxBackward(grad.data, argmax, back, planes, g);
                    return new Tensor[] {new Tensor(back, inShape)};
                });
    }

    /** The mean over each window; d/dx spreads each output's gradient evenly over its window. */
    static Tensor avgPool2d(Tensor x, Images.Window window, boolean countIncludePad) {
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException("avgPool2d: dilation is not defined for average pooling; got " + window);
        }
        PoolGeometry g = geometry("avgPool2d", x.shape(), window);
        Shape inShape = x.shape();
        int planes = inShape.dim(0) * inShape.dim(1);
        float[] out = new float[planes * g.outPlane()];
        PoolLoops.avgForward(x.data, out, planes, g, countIncludePad);
        return Tensor.derived("avgPool2d", out, Shape.of(inShape.dim(0), inShape.dim(1), g.outHeight(), g.outWidth()),
                new Tensor[] {x}, grad -> {
                    float[] back = new float[inShape.numel()];
                    PoolLoops.avgBackward(grad.data, back, planes, g, countIncludePad);
                    return new Tensor[] {new Tensor(back, inShape)};
                });
    }

    /** The mean over PyTorch's adaptive windows [floor(i H / out), ceil((i+1) H / out)). */
    static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        Shape inShape = x.shape();
        if (inShape.rank() != 4 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: expected input [N, C, H, W] and an output size >= 1; got "
                    + inShape + " to " + outH + "x" + outW);
        }
        int planes = inShape.dim(0) * inShape.dim(1);
        int inH = inShape.dim(2);
        int inW = inShape.dim(3);
        if (inH < 1 || inW < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: expected a non-empty image; got " + inShape);
        }
        float[] out = new float[planes * outH * outW];
        PoolLoops.adaptiveAvgForward(x.data, out, planes, inH, inW, outH, outW);
        return Tensor.derived("adaptiveAvgPool2d", out, Shape.of(inShape.dim(0), inShape.dim(1), outH, outW),
                new Tensor[] {x}, grad -> {
                    float[] back = new float[inShape.numel()];
                    PoolLoops.adaptiveAvgBackward(grad.data, back, planes, inH, inW, outH, outW);
                    return new Tensor[] {new Tensor(back, inShape)};
                });
    }
}
