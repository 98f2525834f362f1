package fovea.nn;

import fovea.tensor.Images;
import fovea.tensor.Tensor;

/**
 * Resizing of [N, C, H, W] images by a scale factor or to a size, as PyTorch's nn.Upsample: nearest neighbour or
 * bilinear (align_corners=False).
 */
public final class Upsample extends Module {
    /** How output pixels are computed from input pixels. */
    public enum Mode {
        /** Copy the nearest source pixel (PyTorch's 'nearest': floor(dst * in/out)). */
        NEAREST,
        /** Interpolate between the four nearest source pixels (PyTorch's 'bilinear', align_corners=False). */
        BILINEAR
    }

    private final float scaleFactor;
    private final int outputHeight;
    private final int outputWidth;
    private final Mode mode;

    /** Output [N, C, floor(H s), floor(W s)] for scale factor s > 0. */
    public Upsample(float scaleFactor, Mode mode) {
        if (!(scaleFactor > 0) || Float.isInfinite(scaleFactor) || mode == null) {
            throw new IllegalArgumentException("Upsample: expected a finite scaleFactor > 0 and a mode; got "
                    + scaleFactor + ", " + mode);
        }
        this.scaleFactor = scaleFactor;
        this.outputHeight = 0;
        this.outputWidth = 0;
        this.mode = mode;
    }

    /** Output [N, C, outputHeight, outputWidth]. */
    public Upsample(int outputHeight, int outputWidth, Mode mode) {
        if (outputHeight < 1 || outputWidth < 1 || mode == null) {
            throw new IllegalArgumentException("Upsample: expected an output size >= 1 and a mode; got " + outputHeight
                    + "x" + outputWidth + ", " + mode);
        }
        this.scaleFactor = 0;
        this.outputHeight = outputHeight;
        this.outputWidth = outputWidth;
        this.mode = mode;
    }

    @Override protected Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(this + ": expected input [N, C, H, W]; got " + x.shape());
        boolean bySize = outputHeight > 0;
        if (mode == Mode.NEAREST) {
            return bySize ? Images.upsampleNearest(x, outputHeight, outputWidth) : Images.upsampleNearest(x, scaleFactor);
        }
        return bySize ? Images.upsampleBilinear(x, outputHeight, outputWidth) : Images.upsampleBilinear(x, scaleFactor);
    }

    @Override public String toString() {
        String size = outputHeight > 0 ? "size=(" + outputHeight + ", " + outputWidth + ")"
                : "scale_factor=" + PythonRepr.number(scaleFactor);
        return "Upsample(" + size + ", mode='" + mode.name().toLowerCase(java.util.Locale.ROOT) + "')";
    }
}
