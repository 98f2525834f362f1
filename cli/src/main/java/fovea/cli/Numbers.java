package fovea.cli;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers as a person writes them, for the commands' output and the charts' ticks: a setting as it was typed (0.1,
 * 1e-4, 5; not Java's 1.0E-4 or 5.0), a measured value to a few significant digits, and "1 epoch" / "2 epochs".
 */
public final class Numbers {
    private Numbers() {}

    /**
     * The shortest text that reads back as {@code value} (as a float when it is one, so a float option widened to
     * double prints as typed): plain from 0.001 to below 10^7, else mantissa e exponent: 0.1, 5, 1e-4, 2.5e-5.
     */
    public static String of(double value) {
        if (!Double.isFinite(value)) return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";   // as typed
        if (value == 0) return "0";
        boolean isFloat = (double) (float) value == value;
        return text(new BigDecimal(isFloat ? Float.toString((float) value) : Double.toString(value)));
    }

    /** {@code value} rounded to {@code digits} significant digits, written as {@link #of}: 0.9273, 2.165e-4. */
    public static String significant(double value, int digits) {
        if (!Double.isFinite(value) || value == 0) return of(value);
        return text(new BigDecimal(value).round(new MathContext(digits)));
    }

    /** "1 epoch", "2 epochs": {@code count} and the noun, plural unless the count is 1. */
    public static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String text(BigDecimal number) {
        BigDecimal shortest = number.stripTrailingZeros();
        double magnitude = Math.abs(shortest.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e7) return shortest.toPlainString();
        int exponent = shortest.precision() - shortest.scale() - 1;
        return shortest.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
