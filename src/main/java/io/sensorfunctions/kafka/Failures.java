package io.sensorfunctions.kafka;

/** How a failure is named in a log line or a status field: its innermost cause, without the wrapping layers. */
public final class Failures {

    private Failures() {
    }

    /** @return the innermost cause's simple class name and message, e.g. {@code TimeoutException: Topic ... not present} */
    public static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
