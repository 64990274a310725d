package io.sensorfunctions.artifact;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shipped artifact run as a process on this machine, as the README runs it: {@code java -jar
 * target/sensor-functions.jar} on this JVM's Java with nothing on the class path but the jar, or the native executable
 * that {@code ./mvnw -Pnative package} makes. Both get {@code -Xmx256m}; runtime options go before the jar, or after
 * the executable, where each reads them. Logs go to {@code target/artifact/<name>.log}.
 */
final class ProcessDeployment implements Deployment {

    static final Path JAR = Path.of("target", "sensor-functions.jar");
    private static final Path DIRECTORY = Path.of("target", "artifact");
    private static final String HEAP = "-Xmx256m";

    private final Process process;
    private final Path log;
    private final String scheme;
    private final int port;

    private ProcessDeployment(Process process, Path log, String scheme, int port) {
        this.process = process;
        this.log = log;
        this.scheme = scheme;
        this.port = port;
    }

    /** Starts the packaged jar; fails when {@code ./mvnw package} has not made one. */
    static Launcher jar() {
        return launcher(JAR, "the packaged jar (./mvnw package makes it)", options -> {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP));
            command.addAll(options);
            command.addAll(List.of("-jar", JAR.toString()));
            return command;
        });
    }

    /**
     * Starts a native executable, which takes {@code -Xmx} and {@code -Dkey=value} as arguments (GraalVM's runtime
     * options) and reads no {@code JAVA_TOOL_OPTIONS}.
     */
    static Launcher nativeExecutable(Path executable) {
        return launcher(executable, "the native executable (./mvnw -Pnative package makes it)", options -> {
            List<String> command = new ArrayList<>(List.of(executable.toAbsolutePath().toString(), HEAP));
            command.addAll(options);
            return command;
        });
    }

    private static Launcher launcher(Path artifact, String description, Function<List<String>, List<String>> command) {
        return new Launcher() {
            @Override
            public Deployment start(String name, Map<String, String> environment, List<String> options) throws Exception {
                assertThat(artifact).as(description).isRegularFile();
                Files.createDirectories(DIRECTORY);
                Path log = DIRECTORY.resolve(name + ".log");
                ProcessBuilder builder = new ProcessBuilder(command.apply(options))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
                builder.environment().keySet().removeIf(key -> key.startsWith("KAFKA_") || key.startsWith("MICRONAUT_")
                    || key.startsWith("OTEL_") || key.equals("FUNCTIONS") || key.equals("LOG_FORMAT"));
                builder.environment().putAll(environment);
                ProcessDeployment deployment = new ProcessDeployment(builder.start(), log, Instances.scheme(environment), Instances.port(environment));
                Instances.awaitLive(deployment, deployment.process::isAlive);
                return deployment;
            }

            @Override
            public Path files(String name) throws Exception {
                return Files.createDirectories(DIRECTORY.resolve(name).toAbsolutePath());
            }
        };
    }

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
