package io.sensorfunctions.testkit;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Starts an instance that must refuse to start, and gives what the refusal says. */
public final class StartupFailure {

    private StartupFailure() {
    }

    /** @return the messages of the startup failure and all its causes, one per line; fails if startup succeeds */
    public static String messages(Map<String, Object> props) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> FunctionsInstance.start(props).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
