package fovea.optim;

import fovea.tensor.GradMode;
import fovea.tensor.Tensor;
import java.util.List;

/** Limits gradients before an optimizer step, as PyTorch's clip_grad_norm_ and clip_grad_value_. */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales all gradients together by maxNorm / (norm + 1e-6) when that is below 1, where norm is the L2 norm of
     * all gradients as one vector; returns that norm before clipping. Parameters without a gradient are skipped.
     * A non-finite norm is returned with the gradients left unchanged, so the caller can see it and skip the step.
     */
    public static float clipByGlobalNorm(List<Tensor> params, float maxNorm) {
        Checks.positive("clipByGlobalNorm", "maxNorm", maxNorm);
        checkParams("clipByGlobalNorm", params);
        double sumOfSquares = 0;     // in double: one sum over every gradient of the model
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (float g : p.grad().toArray()) sumOfSquares += (double) g * g;
        }
        float norm = (float) Math.sqrt(sumOfSquares);
        // PyTorch's eps keeps the division finite and leaves the clipped norm just under maxNorm
        float scale = maxNorm / (norm + 1e-6f);
        if (scale < 1) {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                for (Tensor p : params) if (p.grad() != null) p.grad().assign(p.grad().mul(scale));
            }
        }
        return norm;
    }

    /** Limits every gradient element to [-clipValue, clipValue]; parameters without a gradient are skipped. */
    public static void clipByValue(List<Tensor> params, float clipValue) {
        Checks.positive("clipByValue", "clipValue", clipValue);
        checkParams("clipByValue", params);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (Tensor p : params) if (p.grad() != null) p.grad().assign(p.grad().clamp(-clipValue, clipValue));
        }
    }

    private static void checkParams(String op, List<Tensor> params) {
        if (params == null) throw new IllegalArgumentException(op + ": expected a list of parameters; got null");
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == null) throw new IllegalArgumentException(op + ": parameter " + i + " is null");
        }
    }
}
