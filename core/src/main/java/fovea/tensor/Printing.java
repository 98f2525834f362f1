package fovea.tensor;

import java.util.Locale;

/** PyTorch-like text for tensors: nested rows, abbreviated with "..." past 1000 elements. */
final class Printing {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;

    private Printing() {}

    static String format(Tensor t) {
        Shape shape = t.shape();
        boolean summarize = t.numel() > SUMMARIZE_ABOVE;
        String style = style(t.data);
        StringBuilder text = new StringBuilder("tensor(");
        if (shape.rank() == 0) {
            text.append(number(t.data[0], style));
        } else {
            appendDim(text, t.data, shape, 0, 0, summarize, style, "tensor(".length());
        }
        text.append(", shape=").append(shape);
        if (t.op() != null) text.append(", op=").append(t.op());
        else if (t.requiresGrad()) text.append(", requiresGrad=true");
        return text.append(')').toString();
    }

    private static void appendDim(StringBuilder text, float[] data, Shape shape, int dim, int offset,
                                  boolean summarize, String style, int indent) {
        int size = shape.dim(dim);
        int stride = shape.size(dim + 1, shape.rank());
        boolean last = dim == shape.rank() - 1;
        text.append('[');
        for (int i = 0; i < size; i++) {
            if (summarize && size > 2 * EDGE && i == EDGE) {
                text.append(last ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = size - EDGE - 1;
                continue;
            }
            if (last) {
                text.append(number(data[offset + i], style));
            } else {
                appendDim(text, data, shape, dim + 1, offset + i * stride, summarize, style, indent);
            }
            if (i < size - 1) {
                text.append(last ? ", " : ",\n" + "\n".repeat(Math.max(0, shape.rank() - dim - 2))
                        + " ".repeat(indent + dim + 1));
            }
        }
        text.append(']');
    }

    /** One number style for the whole tensor: whole numbers, fixed point, or scientific for extreme ranges. */
    private static String style(float[] data) {
        boolean whole = true;
        double largest = 0;
        double smallest = Double.MAX_VALUE;
        for (float v : data) {
            if (!Float.isFinite(v)) continue;
            whole &= v == Math.rint(v);
            double magnitude = Math.abs(v);
            largest = Math.max(largest, magnitude);
            if (magnitude > 0) smallest = Math.min(smallest, magnitude);
        }
        if (whole && largest < 1e8) return "whole";
        if (largest >= 1e5 || smallest < 1e-4) return "%.4e";
        return "%.4f";
    }

    private static String number(float v, String style) {
        if (Float.isNaN(v)) return "nan";
        if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (style.equals("whole")) return String.format(Locale.ROOT, "%.0f.", v);
        return String.format(Locale.ROOT, style, v);
    }
}
