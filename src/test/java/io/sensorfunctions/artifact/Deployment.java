package io.sensorfunctions.artifact;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One running instance of a shipped artifact, configured only as a deployer configures it: environment variables,
 * and files under {@link #files()} that the instance reads at the same absolute path.
 */
interface Deployment extends AutoCloseable {

    /** Starts artifacts of one kind (the jar, the native executable, the JVM image, the native image). */
    interface Launcher {

        /**
         * Starts an instance and returns once it accepts connections on {@code MICRONAUT_SERVER_PORT} (or
         * {@code MICRONAUT_SERVER_SSL_PORT} with {@code MICRONAUT_SERVER_SSL_ENABLED=true}).
         *
         * @param name        unique per test, names the log file or container
         * @param environment the instance's whole configuration
         * @param options     runtime options ({@code -Dkey=value}, {@code -Xmx...}), given where this artifact's
         *                    deployer gives them: before {@code -jar}, after the executable or the native image's name,
         *                    or in the JVM image's {@code JAVA_TOOL_OPTIONS}
         * @throws AssertionError when it does not answer within 90 s, with the tail of its log
         */
        Deployment start(String name, Map<String, String> environment, List<String> options) throws Exception;

        /** {@link #start(String, Map, List)} without runtime options. */
        default Deployment start(String name, Map<String, String> environment) throws Exception {
            return start(name, environment, List.of());
        }

        /** @return a folder whose files the instances can read at the same path */
        Path files(String name) throws Exception;
    }

    /** @return {@code http://localhost:<port>} (or https) with {@code path} */
    URI url(String path);

    /** @return everything the instance has written to stdout and stderr so far */
    String log() throws Exception;

    /**
     * Stops the instance as {@link #close()} does and returns everything it wrote, its shutdown included.
     *
     * @return the instance's stdout and stderr, from its start to its exit
     */
    String stop() throws Exception;

    /** Stops the instance (SIGTERM, then SIGKILL after 30 s) and waits for it; nothing is left running. */
    @Override
    void close() throws Exception;
}
