package io.sensorfunctions.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import org.slf4j.LoggerFactory;

/**
 * {@code LOG_FORMAT=json}: one JSON object per line through logback's own {@link JsonEncoder}, with the MDC as fields,
 * so the lines about a consumed or failed record carry its {@code topic}, {@code partition}, {@code offset} and
 * {@code group}. Unset or {@code text}: {@link LogbackConfiguration}'s pattern (or a deployer's own logback file's). Applied
 * in code, by swapping the root's console appender, so that a value other than {@code json} or {@code text} stops
 * startup with a message naming the variable (a logback variable would silently log nothing); logger levels stay as
 * configured.
 */
public final class LogFormat {

    /** The environment variable that chooses the format. */
    public static final String VARIABLE = "LOG_FORMAT";

    private LogFormat() {
    }

    /**
     * Applies {@code format} to logback's context.
     *
     * @param format {@code json}, or {@code text}/null for the configured pattern
     * @throws IllegalArgumentException naming the variable when the format is neither
     */
    public static void apply(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("text")) {
            return;
        }
        if (!format.equalsIgnoreCase("json")) {
            throw new IllegalArgumentException(VARIABLE + " is '" + format + "'; use json or text");
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            useJson(context);
        }
    }

    /** Replaces the root logger's appenders with one console appender writing JSON lines. */
    static void useJson(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(LogbackConfiguration.console(context, "JSON", encoder));
    }
}
