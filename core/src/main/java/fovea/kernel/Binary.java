package fovea.kernel;

/**
 * The elementwise binary operations the kernels know; comparisons give 1 for true and 0 for false, and
 * RELU_BACKWARD(x, g) is g where x > 0 and 0 elsewhere (NaN included): ReLU's gradient from its input x and the
 * upstream gradient g, in one pass.
 */
public enum Binary {
    ADD, SUB, MUL, DIV, MAX, MIN, POW, GT, GE, LT, LE, EQ, NE, RELU_BACKWARD;

    /** The plain scalar definition, the oracle of every fast loop. */
    public float apply(float x, float y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.max(x, y);
            case MIN -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.min(x, y);
            case POW -> (float) Math.pow(x, y);
            case GT -> x > y ? 1f : 0f;
            case GE -> x >= y ? 1f : 0f;
            case LT -> x < y ? 1f : 0f;
            case LE -> x <= y ? 1f : 0f;
            case EQ -> x == y ? 1f : 0f;
            case NE -> x != y ? 1f : 0f;
            case RELU_BACKWARD -> x > 0 ? y : 0f;
        };
    }

    /** True for the operations with a Vector API loop. */
    boolean vectorized() {
        return this == ADD || this == SUB || this == MUL || this == DIV || this == RELU_BACKWARD;
    }
}
