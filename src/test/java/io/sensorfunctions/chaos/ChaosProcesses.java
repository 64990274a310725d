package io.sensorfunctions.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** What the chaos tests share: the packaged jar they start as processes, free ports, a clean working directory. */
final class ChaosProcesses {

    private ChaosProcesses() {
    }

    /** @return the packaged jar in {@code target/} */
    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("sensor-functions(-.*)?\\.jar"))
                .filter(f -> !f.getFileName().toString().startsWith("original-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no packaged jar in target/; run mvn package first"));
        }
    }

    /** @return the command that runs the packaged jar on this JVM's Java with a 256 MiB heap */
    static List<String> javaJar() throws IOException {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar().toString());
    }

    /**
     * Starts the packaged jar as a process with {@code environment} and {@code MICRONAUT_SERVER_PORT=port}, its output
     * in {@code output}; {@link #awaitHealthy(int)} waits for it.
     */
    static Process startJar(Map<String, String> environment, int port, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaJar()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        return builder.start();
    }

    /** Waits up to 90 s until {@code http://localhost:port/health} answers 200. */
    static void awaitHealthy(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Deletes {@code directory} with everything in it, if it exists, and creates it empty. */
    static void emptyDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
    }

    /** Sends a POSIX signal, e.g. {@code STOP} or {@code CONT}, with the system's {@code kill}. */
    static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Stops the processes (SIGCONT first, in case one is stopped), each within 30 s or forcibly. */
    static void stopAll(List<Process> processes) throws IOException, InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                signal(process, "CONT");
                process.destroy();
            }
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
