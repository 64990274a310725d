package io.sensorfunctions.artifact;

import io.sensorfunctions.testkit.TestKafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every deployment of the tier shares: its environment, its address, and the wait for it to answer. */
final class Instances {

    private Instances() {
    }

    /**
     * The environment of an instance isolated as {@link TestKafka#isolated} isolates a test: its own topics, group,
     * registry store and port, on the shared broker, written as the environment variables a deployer sets
     * ({@code topics.readings} becomes {@code TOPICS_READINGS}).
     */
    static Map<String, String> environment(String name) {
        Map<String, String> environment = new HashMap<>();
        TestKafka.isolated(name).forEach((key, value) ->
            environment.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value.toString()));
        return environment;
    }

    static String scheme(Map<String, String> environment) {
        return "true".equals(environment.get("MICRONAUT_SERVER_SSL_ENABLED")) ? "https" : "http";
    }

    static int port(Map<String, String> environment) {
        String port = "https".equals(scheme(environment)) ? environment.get("MICRONAUT_SERVER_SSL_PORT") : environment.get("MICRONAUT_SERVER_PORT");
        return Integer.parseInt(port);
    }

    /**
     * Waits until the instance accepts connections on its port: Netty binds it last, once every function has started.
     *
     * @throws AssertionError after 90 s, or as soon as it is no longer running, with the tail of its log
     */
    static void awaitLive(Deployment deployment, Callable<Boolean> running) throws Exception {
        URI url = deployment.url("/");
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(running.call()).as("the instance is running").isTrue();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (Throwable e) {
            String log = deployment.log();
            deployment.close();
            throw new AssertionError("the instance did not answer; its log ends:\n" + log.substring(Math.max(0, log.length() - 4000)), e);
        }
    }
}
