package io.sensorfunctions.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the Node tools of {@code src/test/js} (Confluent's JavaScript serde, Playwright) and other external programs
 * for tests. A missing tool skips the test with a message, except in CI ({@code CI} set), where it fails so the
 * check is never silently lost.
 */
public final class NodeTools {

    private static final Path SOURCES = Path.of("src/test/js");
    private static final Path WORK = Path.of("target/node-tools");

    private NodeTools() {
    }

    /** Skips (or in CI fails) the calling test unless {@code available}. */
    public static void require(boolean available, String reason) {
        if (!available) {
            if (System.getenv("CI") != null) {
                fail(reason);
            }
            Assumptions.abort(reason + "; skipping");
        }
    }

    /** Whether {@code command} runs and exits 0 within 30 s. */
    public static boolean commandWorks(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The directory holding {@code src/test/js} with its npm packages installed ({@code npm ci} on first use).
     * Skips unless Node.js and npm are on the PATH.
     */
    public static synchronized Path installed() throws IOException, InterruptedException {
        require(commandWorks("node", "--version") && commandWorks("npm", "--version"),
            "Node.js and npm are not on the PATH (apt-get install -y nodejs npm)");
        Files.createDirectories(WORK);
        boolean changed = false;
        try (var files = Files.list(SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = WORK.resolve(file.getFileName());
                changed |= !Files.exists(target) || Files.mismatch(file, target) != -1;
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (changed || !Files.isDirectory(WORK.resolve("node_modules"))) {
            run(WORK, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        return WORK;
    }

    /** Runs a command in {@code directory}; returns its stdout, or fails the test with its stderr. */
    public static String run(Path directory, Duration timeout, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("tool", ".err");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout);
        }
        String err = Files.readString(errors);
        Files.delete(errors);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + err + out);
        }
        return out.trim();
    }

    /** A command running in the background whose stdout is read line by line; stderr goes to {@code errors}. */
    public record Running(Process process, BufferedReader lines, Path errors) implements AutoCloseable {

        /** The next stdout line, or a failure naming stderr when the program ended first. */
        public String nextLine() throws IOException {
            String line = lines.readLine();
            if (line == null) {
                fail("the program ended early:\n" + Files.readString(errors));
            }
            return line;
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            Files.deleteIfExists(errors);
        }
    }

    public static Running start(Path directory, List<String> command) throws IOException {
        Path errors = Files.createTempFile("tool", ".err");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile()).start();
        return new Running(process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), errors);
    }
}
