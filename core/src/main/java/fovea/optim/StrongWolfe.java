package fovea.optim;

/**
 * The strong-Wolfe line search of PyTorch's L-BFGS (torch/optim/lbfgs.py {@code _strong_wolfe}, itself ported from
 * torch/optim's lswolfe.lua), branch for branch: bracket a step that satisfies the conditions, then zoom in on it by
 * safeguarded cubic interpolation. Scalars are doubles, as PyTorch's Python floats; Python's min and max are
 * reproduced exactly (they differ from Math.min and Math.max only on NaN).
 */
final class StrongWolfe {
    /** PyTorch's fixed constants: sufficient decrease, curvature, the bracket's size limit and the evaluation limit. */
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final double TOLERANCE_CHANGE = 1e-9;     // PyTorch's default: LBFGS does not pass its own tolerance_change
    static final int MAX_LS = 25;

    private StrongWolfe() {}

    /** The loss and flat gradient at one point of the line. */
    record Point(double loss, float[] grad) {}

    /** Evaluates the loss and gradient at x + t d, leaving the parameters at x. */
    @FunctionalInterface
    interface Line {
        Point at(double t);
    }

    /** The step found, the loss and gradient there, and how many evaluations the search made. */
    record Result(double loss, float[] grad, double t, int evals) {}

    /** Searches along {@code d} from the point with loss {@code f}, gradient {@code g} and slope {@code gtd}, from step t. */
    static Result search(Line line, double t, float[] d, double f, float[] g, double gtd) {
        double dNorm = maxAbs(d);
        g = g.clone();
        Point at = line.at(t);
        double fNew = at.loss();
        float[] gNew = at.grad();
        int evals = 1;
        double gtdNew = dot(gNew, d);

        // bracket an interval containing a point satisfying the Wolfe criteria
        double tPrev = 0;
        double fPrev = f;
        float[] gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        float[][] bracketG = null;
        double[] bracketGtd = null;
        while (lsIter < MAX_LS) {
            if (fNew > f + C1 * t * gtd || lsIter > 1 && fNew >= fPrev) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new float[][] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new float[][] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new float[][] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            // interpolate, extrapolating at least 1% past t and at most 10 t
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double previous = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = previous;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            at = line.at(t);
            fNew = at.loss();
            gNew = at.grad();
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            // out of evaluations: the better of the start and the last point (the zoom below does not run)
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new float[][] {g, gNew};
        }

        // zoom: refine the bracket until a point satisfies the criteria
        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LS) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < TOLERANCE_CHANGE) break;
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            // a trial too close to an end of the bracket, twice or outside it, moves to 10% of the bracket inside
            double top = pyMax(bracket[0], bracket[1]);
            double bottom = pyMin(bracket[0], bracket[1]);
            double eps = 0.1 * (top - bottom);
            if (pyMin(top - t, t - bottom) < eps) {
                if (insufficientProgress || t >= top || t <= bottom) {
                    t = Math.abs(t - top) < Math.abs(t - bottom) ? top - eps : bottom + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            at = line.at(t);
            fNew = at.loss();
            gNew = at.grad();
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low]) {
                // Armijo condition not satisfied or not lower than the lowest point: the new point is the high end
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew.clone();
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    // the old high end becomes the new low end
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew.clone();
                bracketGtd[low] = gtdNew;
            }
        }
        return new Result(bracketF[low], bracketG[low], bracket[low], evals);
    }

    /** The minimizer of the cubic through two points with their slopes, within [x1, x2] sorted. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2) {
        return x1 <= x2 ? cubicInterpolate(x1, f1, g1, x2, f2, g2, x1, x2) : cubicInterpolate(x1, f1, g1, x2, f2, g2, x2, x1);
    }

    /**
     * The minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to [lo, hi]; the
     * midpoint of the bounds when the cubic has no real minimizer.
     */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return pyMin(pyMax(minPos, lo), hi);
        }
        return (lo + hi) / 2;
    }

    /** Python's max(a, b): a unless b > a. */
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    /** Python's min(a, b): a unless b < a. */
    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    /** The dot product, summed in double. */
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += (double) a[i] * b[i];
        return sum;
    }

    /** The largest absolute value. */
    static double maxAbs(float[] a) {
        double max = 0;
        for (float value : a) max = Math.max(max, Math.abs(value));
        return max;
    }
}
