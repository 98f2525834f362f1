package fovea.train;

import fovea.io.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves the loop's checkpoint after every epoch, atomically, so the file always holds the last good epoch;
 * a diverged run stops before its epoch ends and so never overwrites it.
 */
public final class CheckpointWriter implements Callback {
    private final Path path;
    private Loop<?> loop;

    /** Writes to {@code path} (replaced each epoch). */
    public CheckpointWriter(Path path) {
        this.path = path;
    }

    @Override public void onTrainBegin(Loop<?> loop, int firstEpoch, int epochs) {
        this.loop = loop;
    }

    @Override public void onEpochEnd(EpochResult result, Loop.Control control) {
        try {
            Checkpoint.write(path, loop.checkpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
