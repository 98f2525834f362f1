package fovea.kernel;

/** The elementwise unary operations the kernels know. */
public enum Unary {
    NEG, ABS, SQRT, EXP, LOG, TANH, SIGMOID, RELU, SOFTPLUS;

    /** The plain scalar definition, the oracle of every fast loop. */
    public float apply(float x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQRT -> (float) Math.sqrt(x);
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case TANH -> (float) Math.tanh(x);
            // 1 / (1 + e^-x) for x >= 0 and e^x / (1 + e^x) below, so that neither side overflows
            case SIGMOID -> x >= 0 ? (float) (1 / (1 + Math.exp(-x))) : (float) (Math.exp(x) / (1 + Math.exp(x)));
            case RELU -> x > 0 ? x : (x == x ? 0f : x);
            // log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|
            case SOFTPLUS -> (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        };
    }

    /** True for the operations with a Vector API loop. */
    boolean vectorized() {
        return this == NEG || this == ABS || this == SQRT || this == RELU;
    }
}
