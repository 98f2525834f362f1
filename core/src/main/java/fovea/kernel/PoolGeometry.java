package fovea.kernel;

/**
 * Where the 2-d pooling windows of one [inHeight, inWidth] plane lie: output (oh, ow) covers the rows
 * oh*strideH - padH + i*dilationH for i < kernelH (columns likewise) that fall inside the plane.
 */
public record PoolGeometry(int inHeight, int inWidth, int outHeight, int outWidth, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {
    /** Elements of one input plane. */
    public int inPlane() {
        return inHeight * inWidth;
    }

    /** Elements of one output plane. */
    public int outPlane() {
        return outHeight * outWidth;
    }
}
