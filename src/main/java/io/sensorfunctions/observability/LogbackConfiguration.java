package io.sensorfunctions.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

import java.util.Map;

/**
 * The functions' logging, set up in code rather than by a {@code logback.xml}: logback's XML configurator (Joran) was
 * most of a start's logging cost (docs/performance.md). The console pattern is
 * {@value #PATTERN}; Kafka's clients and broker are chatty at INFO, so they log warnings and errors only.
 *
 * <p>It steps aside, and logback's own configurators run as usual, when the deployer names a file
 * ({@code -Dlogback.configurationFile=/etc/logback.xml}) or puts a {@code logback.xml} or {@code logback-test.xml} on
 * the class path, so every way of configuring logback still works. {@link LogFormat} switches the console to JSON.
 * Registered in {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogbackConfiguration extends ContextAwareBase implements Configurator {

    /** The console pattern: time, level, thread, logger's simple name, message. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";
    /** Loggers whose level differs from the root's INFO. */
    static final Map<String, Level> LEVELS = Map.of(
        "org.apache.kafka", Level.WARN,
        "kafka", Level.WARN,
        "state.change.logger", Level.WARN,
        "org.apache.zookeeper", Level.WARN,
        // It logs the client's version at INFO, and a WARN for each client whose app-info MBean it could not register.
        "org.apache.kafka.common.utils.AppInfoParser", Level.ERROR,
        // Only a broker runs it, here the dev run's embedded one, whose metadata log is new and empty at every start:
        // it then logs "Performing controller activation. The metadata log appears to be empty" as a WARN.
        "org.apache.kafka.controller.QuorumController", Level.ERROR,
        // In a native executable no garbage collector sends notifications, so Micrometer's GC pause metrics are absent
        // there (docs/observability.md); it says so in a WARN at every start, which no deployer can act on.
        "io.micrometer.core.instrument.binder.jvm.JvmGcMetrics", Level.ERROR,
        "io.micronaut.configuration.kafka", Level.INFO);
    private static final String FILE_PROPERTY = "logback.configurationFile";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LogbackConfiguration.class.getClassLoader();
        if (System.getProperty(FILE_PROPERTY) != null || loader.getResource("logback-test.xml") != null
            || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Gives {@code context} the console appender with {@link #PATTERN} on the root (INFO) and the {@link #LEVELS}. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context, "STDOUT", encoder));
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        // Logback prints its whole status history on stdout, outside the log and its JSON, whenever a status is a
        // warning and no status listener is registered. A native executable always has one: no jar manifest tells
        // logback its own version. This listener takes that place and prints errors only, on stderr.
        context.getStatusManager().add((StatusListener) status -> {
            if (status.getLevel() == Status.ERROR) {
                System.err.println(status);
            }
        });
    }

    /** @return a started appender writing {@code encoder}'s lines to standard output */
    static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
