package fovea.optim;

/** The argument checks shared by the settings records, each failing with "op: what is wrong; got value". */
final class Checks {
    private Checks() {}

    /** Fails unless {@code value} is a finite number >= 0. */
    static void nonNegative(String op, String name, float value) {
        if (!(value >= 0 && Float.isFinite(value))) {
            throw new IllegalArgumentException(op + ": " + name + " must be a finite number >= 0; got " + value);
        }
    }

    /** Fails unless {@code value} is a finite number > 0. */
    static void positive(String op, String name, float value) {
        if (!(value > 0 && Float.isFinite(value))) {
            throw new IllegalArgumentException(op + ": " + name + " must be a finite number > 0; got " + value);
        }
    }

    /** Fails unless {@code value} is an int > 0. */
    static void positive(String op, String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(op + ": " + name + " must be > 0; got " + value);
    }

    /** Fails unless {@code value} is in [0, 1), as Adam's betas. */
    static void inUnitInterval(String op, String name, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1); got " + value);
        }
    }

    /** Fails unless {@code epoch} >= 0, naming the schedule. */
    static void epoch(String op, int epoch) {
        if (epoch < 0) throw new IllegalArgumentException(op + ": epoch must be >= 0; got " + epoch);
    }
}
