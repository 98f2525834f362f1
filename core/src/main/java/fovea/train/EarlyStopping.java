package fovea.train;

import fovea.tensor.Stateful;
import fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops training when validation accuracy has not improved by at least minDelta for {@code patience} epochs. Its
 * best figure and count are part of the loop's checkpoints, so a resumed run keeps its patience.
 */
public final class EarlyStopping implements Callback, Stateful {
    private final int patience;
    private final double minDelta;
    private double best = Double.NEGATIVE_INFINITY;
    private int epochsWithoutImprovement;

    /** Waits {@code patience} epochs (>= 1) for an improvement of at least {@code minDelta} (>= 0). */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: expected patience >= 1 and minDelta >= 0; got "
                    + patience + ", " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
        double metric = result.monitored("accuracy");
        if (metric > best + minDelta) {
            best = metric;
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= patience) {
            control.stop();
        }
    }

    /** "best" (double, as two float words: the accuracy is compared exactly) and "epochs_without_improvement". */
    @Override public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("best", Stateful.words(Double.doubleToRawLongBits(best)));
        out.put("epochs_without_improvement", Tensor.scalar(epochsWithoutImprovement));
        return out;
    }

    /** Restores what {@link #stateDict()} saved; strict. */
    @Override public void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = Stateful.problems(stateDict(), state);
        if (problems.isEmpty()) {
            float count = state.get("epochs_without_improvement").item();
            if (!(count >= 0 && count == Math.rint(count) && count < 1 << 24)) {
                problems.add("value: epochs_without_improvement must be a whole number >= 0; got " + count);
            }
        }
        Stateful.check("EarlyStopping", problems);
        best = Double.longBitsToDouble(Stateful.longs("EarlyStopping", state.get("best"))[0]);
        epochsWithoutImprovement = (int) state.get("epochs_without_improvement").item();
    }
}
