package fovea.train;

/** Stops training when validation accuracy has not improved by at least minDelta for {@code patience} epochs. */
public final class EarlyStopping implements Callback {
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
}
