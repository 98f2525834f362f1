package fovea.data;

import fovea.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Cuts the central height x width window out of an image [C, H, W], as torchvision's CenterCrop: the top-left
 * corner is round((H - height) / 2), round((W - width) / 2), rounding half to even as Python does; a window larger
 * than the image is padded with zeros, the extra pixel of an odd padding going to the bottom and right. Draws
 * nothing.
 */
public record CenterCrop(int height, int width) implements Transform {
    /** Checks the size. */
    public CenterCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("CenterCrop: height and width must be >= 1; got " + height + "x" + width);
        }
    }

    /** A square window of side {@code size}. */
    public static CenterCrop square(int size) {
        return new CenterCrop(size, size);
    }

    /** The top-left corner of the window in an image of {@code inHeight} x {@code inWidth}, negative when padding. */
    public int[] corner(int inHeight, int inWidth) {
        return new int[] {offset(inHeight, height), offset(inWidth, width)};
    }

    private static int offset(int in, int out) {
        return out <= in ? (int) Math.rint((in - out) / 2.0) : -((out - in) / 2);
    }

    @Override public Tensor apply(Tensor image, RandomGenerator random) {
        Images.checkImage(toString(), image);
        int[] corner = corner(image.size(1), image.size(2));
        return Images.crop(image, corner[0], corner[1], height, width, 0);
    }
}
