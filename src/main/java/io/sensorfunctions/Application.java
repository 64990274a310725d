package io.sensorfunctions;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.annotation.TypeHint;
import io.micronaut.runtime.EmbeddedApplication;
import io.sensorfunctions.avro.AlertKind;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.devkafka.DevKafka;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.observability.LogFormat;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.lang.management.ManagementFactory;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * Starts the selected functions. When {@code kafka.bootstrap.servers} (env {@code KAFKA_BOOTSTRAP_SERVERS}) is unset
 * and Kafka's broker classes are on the classpath (only under {@code ./mvnw mn:run}), it first starts a real KRaft
 * broker on {@code localhost:9092}.
 *
 * <p>The lifecycle is driven here rather than by {@code Micronaut.run}: Micronaut's shutdown hook runs concurrently
 * with any other hook, and a broker stopped before the producers makes {@code KafkaProducer.close()} hang. One hook
 * closes the context first, then the broker.
 */
// The generated Avro types, which Avro's SpecificData reaches by reflection in every function (their constructors, the
// SCHEMA$ field, the enum's constants): Micronaut's GraalVM processor registers them for the native executable.
@TypeHint(value = {SensorReading.class, SensorAlert.class, AlertKind.class}, accessType = {
    TypeHint.AccessType.ALL_DECLARED_CONSTRUCTORS, TypeHint.AccessType.ALL_PUBLIC_METHODS, TypeHint.AccessType.ALL_DECLARED_FIELDS})
@OpenAPIDefinition(info = @Info(title = "sensor-functions", version = "0.1.0",
    description = "Serverless-style Kafka event functions: the trigger, reader, alerts, dead-letter, consumer-group and "
        + "dashboard endpoints, and the Confluent-compatible schema registry's API (Avro only)."))
public final class Application {

    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    /** GraalVM sets it to {@code runtime} in a native executable. */
    private static final String IMAGE_CODE = "org.graalvm.nativeimage.imagecode";
    /** The JDK's name for {@code --sun-misc-unsafe-memory-access}, which Netty reads. */
    private static final String UNSAFE_MEMORY_ACCESS = "sun.misc.unsafe.memory.access";

    static {
        // What the JVM image's jvm.args says with --sun-misc-unsafe-memory-access=allow, said to the native executable,
        // which takes no such flag: Netty 4.2 frees direct buffers through sun.misc.Unsafe, the path it has always
        // taken in native images, instead of its JDK 25 path through a foreign-memory Arena, which needs GraalVM's
        // foreign-function support (a native-image without it fails every large response with an UnsatisfiedLinkError
        // in ScopedMemoryAccess.closeScope0). A deployer's -Dsun.misc.unsafe.memory.access still wins.
        if ("runtime".equals(System.getProperty(IMAGE_CODE)) && System.getProperty(UNSAFE_MEMORY_ACCESS) == null) {
            System.setProperty(UNSAFE_MEMORY_ACCESS, "allow");
        }
        // SLF4J otherwise finds its provider by a ServiceLoader scan of every jar on the class path, a cost on every
        // start (docs/performance.md), and the jar ships exactly one: logback's. A -Dslf4j.provider of the deployer's still wins,
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
        inBackground("startup-warm-up", Application::initialiseSharedStatics);
        LogFormat.apply(System.getenv(LogFormat.VARIABLE));
        // java.util.logging, which OpenTelemetry's SDK logs through, into SLF4J: its lines then reach our log, and its
        // JSON, instead of stderr as plain text.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
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
        // The heap's limit tells a deployer whether the runtime saw the container's memory limit (a native executable
        // whose container support is a stand-in does not: infra/docker/native-entrypoint.sh).
        LOG.info("Started functions {} in {} ms, heap up to {} MiB", EventFunction.parse(environment.get(EventFunction.PROPERTY, String.class).orElse(null)),
            (System.nanoTime() - started) / 1_000_000, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        stopped.await();
    }

    /**
     * Runs, on the second core while this thread builds the context, the one-time static set-up that the beans would
     * otherwise pay for on the main thread in the middle of their creation (docs/performance.md, "Where a container's
     * start goes"): the JVM's platform MBean server, which each Kafka client's app-info MBean (Kafka's AppInfoParser)
     * needs; the JDK's TLS context class, which the serde's {@code HttpClient} needs even for {@code http://}; and the
     * Avro schema of {@link SensorReading} with the Jackson and locale classes Avro's schema parser initialises, which
     * every function but the registry reads or writes.
     * Class initialisation is thread-safe: whichever thread comes first does it and the other waits, so nothing runs
     * twice. A failure here is left for the bean that needs the same thing to report.
     */
    private static void initialiseSharedStatics() {
        ManagementFactory.getPlatformMBeanServer();
        try {
            SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
        SensorReading.getClassSchema();
    }

    /**
     * Runs {@code work} on a daemon thread. What it initialises is needed later on the main thread, which then waits
     * for it or finds it done; a failure here is logged at DEBUG and left for the main thread's own use to report.
     */
    private static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("{} stopped early: {}", name, e.toString());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Closes the context, but gives up after {@code limit} and halts the JVM: micronaut-kafka 5.9 waits without a
     * limit for each consumer thread to leave its poll loop, and a thread that died of an {@link Error} inside
     * {@code poll()} never does. A process that never exits on SIGTERM is worse than one that exits uncleanly: the
     * group's other members take its partitions from the last commit either way.
     */
    private static void closeWithin(ApplicationContext context, Duration limit) throws InterruptedException {
        // A bean that fails while the context closes would otherwise end this thread through the JVM's default
        // handler, a stack trace on stderr outside the log (and outside LOG_FORMAT=json).
        Thread closer = new Thread(() -> {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.error("Shutdown failed: {}", e.getMessage(), e);
            }
        }, "sensor-functions-close");
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
