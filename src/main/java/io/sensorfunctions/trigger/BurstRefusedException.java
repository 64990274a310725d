package io.sensorfunctions.trigger;

/**
 * A burst that {@link Bursts} did not start: nothing of it was produced. {@link #reason()} says why, and so how a
 * caller should react: wait for a running burst to finish, or try another instance.
 */
final class BurstRefusedException extends RuntimeException {

    /** Why a burst was refused. */
    enum Reason {
        /** {@code trigger.max-running} bursts run already: try again when one is done. */
        TOO_MANY_RUNNING,
        /** The instance is shutting down: try another one. */
        SHUTTING_DOWN
    }

    private final Reason reason;

    BurstRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
