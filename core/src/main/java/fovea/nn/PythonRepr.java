package fovea.nn;

import java.math.BigDecimal;

/** Numbers and flags written as Python's repr writes them, so module strings read like PyTorch's. */
final class PythonRepr {
    private PythonRepr() {}

    /** A float as Python prints the same value: 1e-05, 0.0001, 0.75, 1.0. */
    static String number(float value) {
        if (Float.isNaN(value)) return "nan";
        if (Float.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return "0.0";
        BigDecimal decimal = new BigDecimal(Float.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent < -4 || exponent >= 16) {      // Python switches to scientific notation outside this range
            String digits = decimal.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
        }
        String plain = decimal.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** True or False. */
    static String flag(boolean value) {
        return value ? "True" : "False";
    }
}
