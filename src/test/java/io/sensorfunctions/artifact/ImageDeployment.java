package io.sensorfunctions.artifact;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker run} of an image, the JVM's or the native one, with the host's network so that it reaches the test
 * broker on localhost and answers on the port its environment names: traffic stays on this machine. Each container is
 * named {@code sensor-functions-test-<name>} and removed by that name when the test closes it. Files are bind-mounted
 * read-only at the same absolute path. Runtime options reach the JVM image as {@code JAVA_TOOL_OPTIONS} (its
 * entrypoint is {@code java} with the main class, so arguments would reach the application) and the native image as
 * arguments after its name (its entrypoint passes them to the executable).
 */
final class ImageDeployment implements Deployment {

    private static final Path DIRECTORY = Path.of("target", "artifact");

    private final String container;
    private final String scheme;
    private final int port;

    private ImageDeployment(String container, String scheme, int port) {
        this.container = container;
        this.scheme = scheme;
        this.port = port;
    }

    /** @return a launcher of the JVM image {@code image} (infra/docker/Dockerfile), which must exist in the local engine */
    static Launcher jvm(String image) {
        return launcher(image, false);
    }

    /** @return a launcher of the native image {@code image} (infra/docker/Dockerfile.native), which must exist locally */
    static Launcher nativeImage(String image) {
        return launcher(image, true);
    }

    private static Launcher launcher(String image, boolean optionsAsArguments) {
        return new Launcher() {
            @Override
            public Deployment start(String name, Map<String, String> environment, List<String> options) throws Exception {
                String container = "sensor-functions-test-" + name;
                docker("rm", "-f", container);
                Path files = files(name);
                List<String> command = new ArrayList<>(List.of("run", "-d", "--name", container, "--network", "host",
                    "-m", "384m", "-v", files + ":" + files + ":ro"));
                environment.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
                if (!optionsAsArguments && !options.isEmpty()) {
                    command.addAll(List.of("-e", "JAVA_TOOL_OPTIONS=" + String.join(" ", options)));
                }
                command.add(image);
                if (optionsAsArguments) {
                    command.addAll(options);
                }
                String started = docker(command.toArray(String[]::new));
                assertThat(started).as("docker run " + image).matches("(?s)[0-9a-f]{64}\\s*");
                ImageDeployment deployment = new ImageDeployment(container, Instances.scheme(environment), Instances.port(environment));
                Instances.awaitLive(deployment, () -> docker("inspect", "-f", "{{.State.Running}}", container).trim().equals("true"));
                return deployment;
            }

            @Override
            public Path files(String name) throws Exception {
                Path files = Files.createDirectories(DIRECTORY.resolve(name).toAbsolutePath());
                files.toFile().setReadable(true, false);
                files.toFile().setExecutable(true, false);
                return files;
            }
        };
    }

    /**
     * Asserts that the container runs as {@code uid} (the image's {@code USER uid:uid}, and {@code id -u} inside it)
     * and that its {@code HEALTHCHECK} reports it healthy within 90 s.
     */
    void assertRunsAsAndTurnsHealthy(String uid) throws Exception {
        assertThat(inspect("{{.Config.User}}")).isEqualTo(uid + ":" + uid);
        assertThat(docker("exec", container, "id", "-u").trim()).isEqualTo(uid);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
            assertThat(inspect("{{.State.Health.Status}}")).isEqualTo("healthy"));
    }

    /** @return {@code docker inspect -f <format>} of this container, trimmed */
    String inspect(String format) throws Exception {
        return docker("inspect", "-f", format, container).trim();
    }

    @Override
    public URI url(String path) {
        return URI.create(scheme + "://localhost:" + port + path);
    }

    @Override
    public String log() throws Exception {
        return docker("logs", container);
    }

    @Override
    public String stop() throws Exception {
        docker("stop", "-t", "30", container);
        return log();
    }

    @Override
    public void close() throws Exception {
        docker("stop", "-t", "30", container);
        docker("rm", "-f", container);
    }

    /** Runs the docker CLI; returns its stdout and stderr together. */
    static String docker(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("docker " + String.join(" ", arguments)).isTrue();
        return output;
    }
}
