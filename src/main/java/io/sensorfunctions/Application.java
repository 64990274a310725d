package io.sensorfunctions;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.EmbeddedApplication;
import io.sensorfunctions.devkafka.DevKafka;
import io.sensorfunctions.function.Function;
import io.sensorfunctions.observability.LogFormat;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the selected functions. When {@code kafka.bootstrap.servers} (env {@code KAFKA_BOOTSTRAP_SERVERS}) is unset
 * and Kafka's broker classes are on the classpath (only under {@code ./mvnw mn:run}), it first starts a real KRaft
 * broker on {@code localhost:9092}.
 *
 * <p>The lifecycle is driven here rather than by {@code Micronaut.run}: Micronaut's shutdown hook runs concurrently
 * with any other hook, and a broker stopped before the producers makes {@code KafkaProducer.close()} hang. One hook
 * closes the context first, then the broker.
 */
@OpenAPIDefinition(info = @Info(title = "sensor-functions", version = "0.1.0",
    description = "Serverless-style Kafka event functions: the trigger, reader, alerts, dead-letter, consumer-group and "
        + "dashboard endpoints, and the Confluent-compatible schema registry's API (Avro only)."))
public final class Application {

    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    static {
        // SLF4J otherwise finds its provider by a ServiceLoader scan of every jar on the class path (about 50 ms of
        // each start here), and the jar ships exactly one: logback's. A -Dslf4j.provider of the deployer's still wins,
        // and SLF4J's own notice that it took the named provider (stderr, outside the log) is left out, not its warnings.
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "ch.qos.logback.classic.spi.LogbackServiceProvider");
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "WARN");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    /** Longest a graceful shutdown may take before the JVM halts. */
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        // Each Kafka client registers an app-info MBean (Kafka's AppInfoParser), and the first one builds the JVM's
        // platform MBean server: about 80 ms, on this thread in the middle of creating the beans. Built meanwhile on
        // the second core instead.
        Thread mbeanServer = new Thread(ManagementFactory::getPlatformMBeanServer, "platform-mbean-server");
        mbeanServer.setDaemon(true);
        mbeanServer.start();
        LogFormat.apply(System.getenv(LogFormat.VARIABLE));
        ApplicationContext context = ApplicationContext.builder(Application.class).args(args).build();
        Environment environment = context.getEnvironment().start();
        AutoCloseable broker = startDevBrokerIfNeeded(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                closeWithin(context, SHUTDOWN_LIMIT);
                if (broker != null) {
                    broker.close();
                }
            } catch (Exception e) {
                LOG.warn("Shutdown did not complete cleanly: {}", e.getMessage(), e);
            } finally {
                stopped.countDown();
            }
        }, "sensor-functions-shutdown"));
        try {
            context.start();
            context.findBean(EmbeddedApplication.class).ifPresent(EmbeddedApplication::start);
        } catch (RuntimeException e) {
            LOG.error("Startup failed: {}", e.getMessage());
            System.exit(1);
        }
        LOG.info("Started functions {} in {} ms", Function.parse(environment.get(Function.PROPERTY, String.class).orElse(null)),
            (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    /**
     * Closes the context, but gives up after {@code limit} and halts the JVM: micronaut-kafka 5.9 waits without a
     * limit for each consumer thread to leave its poll loop, and a thread that died of an {@link Error} inside
     * {@code poll()} never does. A process that never exits on SIGTERM is worse than one that exits uncleanly: the
     * group's other members take its partitions from the last commit either way.
     */
    private static void closeWithin(ApplicationContext context, Duration limit) throws InterruptedException {
        Thread closer = new Thread(context::close, "sensor-functions-close");
        closer.start();
        closer.join(limit.toMillis());
        if (closer.isAlive()) {
            LOG.error("Shutdown did not finish within {} s (a consumer thread that stopped polling?); halting", limit.toSeconds());
            Runtime.getRuntime().halt(3);
        }
    }

    private static AutoCloseable startDevBrokerIfNeeded(Environment environment) throws Exception {
        if (environment.containsProperty(BOOTSTRAP_SERVERS)) {
            return null;
        }
        if (!DevKafka.isAvailable()) {
            LOG.error("{} is not set. Set KAFKA_BOOTSTRAP_SERVERS to your cluster's bootstrap servers "
                + "(the embedded dev broker exists only under ./mvnw mn:run).", BOOTSTRAP_SERVERS);
            System.exit(2);
        }
        DevKafka broker = DevKafka.start(DevKafka.DEV_PORT);
        environment.addPropertySource(PropertySource.of("dev-kafka", Map.of(BOOTSTRAP_SERVERS, broker.bootstrapServers())));
        return broker;
    }
}
