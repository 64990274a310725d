package io.sensorfunctions.testkit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URL;
import java.util.Map;

/**
 * One instance of the application, as a deployer runs it: the functions and settings its properties name, on the
 * shared test broker, with its own HTTP port ({@link TestKafka#isolated} gives each test class its own topics, groups,
 * registry store and port). The fixture every integration test starts its instances with, in the spirit of
 * micronaut-kafka's {@code AbstractKafkaContainerSpec}, but an object rather than a base class, since many tests run
 * two or three instances at once. Closing it stops the instance: its listeners leave their groups and its producers
 * flush.
 */
public final class FunctionsInstance implements AutoCloseable {

    private final EmbeddedServer server;
    private BlockingHttpClient http;

    private FunctionsInstance(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * Starts an instance and waits until its HTTP server listens.
     *
     * @param properties the instance's configuration, usually {@link TestKafka#isolated} plus {@code functions} and
     *                   the settings under test
     * @return the running instance
     * @throws RuntimeException whatever stopped the start, as Micronaut reports it (a bad setting, a broker away)
     */
    public static FunctionsInstance start(Map<String, Object> properties) {
        return new FunctionsInstance(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /** @return the instance's application context, for its beans */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** @return the instance's bean of {@code type} */
    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** @return a blocking HTTP client on the instance's URL, made once and closed with the instance */
    public synchronized BlockingHttpClient http() {
        if (http == null) {
            http = context().createBean(HttpClient.class, server.getURL()).toBlocking();
        }
        return http;
    }

    /** @return the instance's base URL, e.g. {@code http://localhost:40123} */
    public URL url() {
        return server.getURL();
    }

    /** @return the instance's HTTP port */
    public int port() {
        return server.getPort();
    }

    /** @return whether the instance still runs */
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.close();
    }
}
