package fovea.optim;

/**
 * The moment update shared by {@link Adam} and {@link AdamW}, which differ only in how weight decay enters:
 * g = grad + weightDecay p (L2, Adam's; AdamW passes 0); m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g²;
 * p -= lr/(1 - beta1^t) · m / (√v / √(1 - beta2^t) + eps).
 */
final class AdamUpdate {
    private AdamUpdate() {}

    /**
     * Applies one bias-corrected Adam step at step count {@code step} (from 1) to {@code param} in place; {@code grad}
     * is only read.
     */
    static void apply(float[] param, float[] grad, float weightDecay, float[] expAvg, float[] expAvgSq, long step,
            float lr, float beta1, float beta2, float eps) {
        // PyTorch computes the bias corrections and the step size in double and applies them as floats
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        float biasCorrection2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (lr / biasCorrection1);
        float keep1 = (float) (1.0 - beta1);
        float keep2 = (float) (1.0 - beta2);
        for (int j = 0; j < param.length; j++) {
            float g = weightDecay == 0 ? grad[j] : grad[j] + weightDecay * param[j];
            expAvg[j] = expAvg[j] * beta1 + keep1 * g;
            expAvgSq[j] = expAvgSq[j] * beta2 + keep2 * g * g;
            float denom = (float) Math.sqrt(expAvgSq[j]) / biasCorrection2Sqrt + eps;
            param[j] += -stepSize * expAvg[j] / denom;
        }
    }

    /** Fails unless both betas are in [0, 1), naming {@code op}. */
    static void checkBetas(String op, float beta1, float beta2) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(op + ": betas must be in [0, 1); got (" + beta1 + ", " + beta2 + ")");
        }
    }
}
