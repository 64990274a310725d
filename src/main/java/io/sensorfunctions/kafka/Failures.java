package io.sensorfunctions.kafka;

import java.util.function.Predicate;

/** How a failure is named in a log line or a status field: its innermost cause, without the wrapping layers. */
public final class Failures {

    private Failures() {
    }

    /** @return the innermost cause of {@code error}, or {@code error} itself when it has none */
    public static Throwable rootCause(Throwable error) {
        return cause(error, cause -> false);
    }

    /**
     * Walks the cause chain, guarding against a cause that is its own cause.
     *
     * @param error  the failure as caught
     * @param stopAt the cause to stop at, when the chain holds one
     * @return the first cause {@code stopAt} accepts, {@code error} included, or else the innermost cause
     */
    public static Throwable cause(Throwable error, Predicate<Throwable> stopAt) {
        Throwable cause = error;
        while (!stopAt.test(cause) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return true when {@code error} or a cause of it is one that {@code kind} accepts */
    public static boolean has(Throwable error, Predicate<Throwable> kind) {
        return kind.test(cause(error, kind));
    }

    /** @return the innermost cause's simple class name and message, e.g. {@code TimeoutException: Topic ... not present} */
    public static String rootMessage(Throwable error) {
        return describe(rootCause(error));
    }

    /** @return the failure's simple class name and message, e.g. {@code AvroDecodeException: ...} */
    public static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
