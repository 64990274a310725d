package io.sensorfunctions.artifact;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar target/sensor-functions.jar}, as the README runs it, on this JVM's Java, with nothing on the class
 * path but the jar. Logs go to {@code target/artifact/<name>.log}.
 */
final class JarDeployment implements Deployment {

    static final Path JAR = Path.of("target", "sensor-functions.jar");
    private static final Path DIRECTORY = Path.of("target", "artifact");

    private final Process process;
    private final Path log;
    private final String scheme;
    private final int port;

    private JarDeployment(Process process, Path log, String scheme, int port) {
        this.process = process;
        this.log = log;
        this.scheme = scheme;
        this.port = port;
    }

    /** Starts packaged jars; fails when {@code ./mvnw package} has not made one. */
    static final Launcher LAUNCHER = new Launcher() {
        @Override
        public Deployment start(String name, Map<String, String> environment) throws Exception {
            assertThat(JAR).as("the packaged jar (./mvnw package makes it)").isRegularFile();
            Files.createDirectories(DIRECTORY);
            Path log = DIRECTORY.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("KAFKA_") || key.startsWith("MICRONAUT_")
                || key.startsWith("OTEL_") || key.equals("FUNCTIONS") || key.equals("LOG_FORMAT"));
            builder.environment().putAll(environment);
            JarDeployment deployment = new JarDeployment(builder.start(), log, Instances.scheme(environment), Instances.port(environment));
            Instances.awaitLive(deployment, deployment.process::isAlive);
            return deployment;
        }

        @Override
        public Path files(String name) throws Exception {
            return Files.createDirectories(DIRECTORY.resolve(name).toAbsolutePath());
        }
    };

    @Override
    public URI url(String path) {
        return URI.create(scheme + "://localhost:" + port + path);
    }

    @Override
    public String log() throws Exception {
        return Files.readString(log);
    }

    @Override
    public String stop() throws Exception {
        close();
        return log();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
