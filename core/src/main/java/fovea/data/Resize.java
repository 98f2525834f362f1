package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Resizes an image [C, H, W] by antialiased bilinear interpolation, as torchvision's Resize: to a fixed height and
 * width, or with the shorter side made {@code size} and the longer one scaled to keep the aspect ratio (truncated
 * to whole pixels, as torchvision does). Draws nothing.
 */
public final class Resize implements Transform {
    private final int height;
    private final int width;
    private final int shorterSide;

    private Resize(int height, int width, int shorterSide) {
        this.height = height;
        this.width = width;
        this.shorterSide = shorterSide;
    }

    /** To exactly height x width, as torchvision's Resize((height, width)). */
    public static Resize to(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Resize: height and width must be >= 1; got " + height + "x" + width);
        }
        return new Resize(height, width, 0);
    }

    /** The shorter side to {@code size}, the aspect ratio kept, as torchvision's Resize(size). */
    public static Resize shorterSide(int size) {
        if (size < 1) throw new IllegalArgumentException("Resize: size must be >= 1; got " + size);
        return new Resize(0, 0, size);
    }

    /** The output [height, width] for an input of {@code inHeight} x {@code inWidth}. */
    public int[] outputSize(int inHeight, int inWidth) {
        if (shorterSide == 0) return new int[] {height, width};
        int shorter = Math.min(inHeight, inWidth);
        int longer = Math.max(inHeight, inWidth);
        // torchvision: int(size * long / short), a true division truncated.
        int scaled = (int) ((double) ((long) shorterSide * longer) / shorter);
        return inHeight <= inWidth ? new int[] {shorterSide, scaled} : new int[] {scaled, shorterSide};
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        Images.checkImage(toString(), image);
        int[] size = outputSize(image.size(1), image.size(2));
        return Images.resizeBilinear(image, size[0], size[1]);
    }

    /** The image [C, H, W] resized to height x width, antialiased bilinear. */
    public static Tensor resize(Tensor image, int height, int width) {
        return to(height, width).apply(image, null);
    }

    @Override public String toString() {
        return shorterSide == 0 ? "Resize(" + height + "x" + width + ")" : "Resize(shorterSide=" + shorterSide + ")";
    }
}
