package fovea.tensor;

/**
 * Whether ops record the graph, per thread: the one global of the library. {@link #noGrad()} opens a scope
 * (try-with-resources) inside which nothing is recorded, as PyTorch's {@code torch.no_grad()}.
 */
public final class GradMode {
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {}

    /** True when ops on this thread record the graph. */
    public static boolean enabled() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /** Opens a no-grad scope; close it (try-with-resources) to restore recording. Scopes nest. */
    public static Scope noGrad() {
        NO_GRAD_DEPTH.get()[0]++;
        return new Scope();
    }

    /** A no-grad scope; closing it twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private boolean open = true;

        private Scope() {}

        @Override public void close() {
            if (open) {
                open = false;
                NO_GRAD_DEPTH.get()[0]--;
            }
        }
    }
}
