package io.sensorfunctions.infra;

import io.sensorfunctions.IntegrationTest;
import io.sensorfunctions.NodeTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/ is correct by construction, checked offline, since no Docker engine or Kubernetes cluster runs where this is
 * built: the Kubernetes and KEDA manifests against their schemas, compose.yaml against the compose-spec schema, the
 * Dockerfile through dockerfilelint ({@code src/test/js/validate_infra.mjs}), and the Dockerfile against the hadolint
 * rules that matter for this image, as a checklist.
 */
@IntegrationTest
class InfraFilesTest {

    private static final Path REPO = Path.of("").toAbsolutePath();

    @Test
    void manifestsComposeFileAndDockerfileValidate() throws Exception {
        Path tools = NodeTools.installed();
        String report = NodeTools.run(tools, Duration.ofMinutes(2), "node", "validate_infra.mjs", REPO.toString());
        assertThat(report).contains("valid infra/compose.yaml: 7 services").contains("linted infra/docker/Dockerfile: 0 issues")
            .contains("linted infra/docker/Dockerfile.native: 0 issues")
            .contains("linted infra/docker/kafka/Dockerfile: 0 issues")
            .doesNotContain("INVALID");
        for (String function : List.of("registry", "emitter", "trigger", "reader", "alerts", "dashboard")) {
            assertThat(report).contains("valid infra/k8s/" + function + ".yaml: apps/v1/Deployment " + function)
                .contains("valid infra/k8s/" + function + ".yaml: v1/Service " + function);
            assertThat(Files.readString(REPO.resolve("infra/k8s/" + function + ".yaml"))).as(function + ": a preStop hook that waits for the Service to drop the pod")
                .contains("preStop:\n              exec: {command: [sleep, \"5\"]}");
        }
        assertThat(report).contains("keda.sh/v1alpha1/ScaledObject reader").contains("autoscaling/v2/HorizontalPodAutoscaler reader");
    }

    @Test
    void theDockerfilesKeepHadolintsRules() throws Exception {
        List<String> jvm = instructions("infra/docker/Dockerfile");
        assertThat(jvm).as("DL3006/DL3007: every base image pinned to a tag, never latest, or a build argument that is")
            .filteredOn(line -> line.startsWith("FROM ")).allMatch(line -> line.matches("FROM ([\\w./-]+:[\\w.-]+|\\$\\{(JRE|KAFKA)_IMAGE})( AS \\w+)?"));
        assertThat(jvm).as("the base image arguments default to what users pull")
            .contains("ARG JRE_IMAGE=eclipse-temurin:25-jre", "ARG KAFKA_IMAGE=apache/kafka:3.9.1");
        List<String> nativeImage = instructions("infra/docker/Dockerfile.native");
        assertThat(nativeImage).as("DL3006/DL3007 for the native image: its base a build argument")
            .filteredOn(line -> line.startsWith("FROM ")).containsExactly("FROM ${BASE_IMAGE}");
        assertThat(nativeImage).as("that defaults to distroless' cc image with busybox, which the entrypoint needs")
            .contains("ARG BASE_IMAGE=gcr.io/distroless/cc-debian12:debug-nonroot");
        for (List<String> lines : List.of(jvm, nativeImage)) {
            assertThat(lines).noneMatch(line -> line.contains(":latest"));
            assertThat(lines).as("DL3002: the last USER is not root").filteredOn(line -> line.startsWith("USER ")).last()
                .matches(line -> !line.contains("root") && !line.matches("USER 0(:.*)?"));
            assertThat(lines).as("a HEALTHCHECK").anyMatch(line -> line.startsWith("HEALTHCHECK "));
            assertThat(lines).as("that asks /health on the served port").anyMatch(line -> line.contains("http://localhost:${MICRONAUT_SERVER_PORT:-8080}/health"));
            assertThat(lines).as("security on, as in every image").contains("ENV MICRONAUT_SECURITY_ENABLED=true");
            assertThat(lines).as("DL3025: ENTRYPOINT in exec form").filteredOn(line -> line.startsWith("ENTRYPOINT")).singleElement()
                .matches(line -> line.startsWith("ENTRYPOINT [\""));
            assertThat(lines).as("no version glob in COPY").filteredOn(line -> line.startsWith("COPY ")).noneMatch(line -> line.contains("*"));
            assertThat(lines).as("DL3000: absolute WORKDIR").filteredOn(line -> line.startsWith("WORKDIR ")).allMatch(line -> line.startsWith("WORKDIR /"));
            assertThat(lines).as("DL4006-style: no apt or curl piping at build time").noneMatch(line -> line.contains("| sh") || line.contains("| bash"));
        }
        assertThat(Files.readAllLines(REPO.resolve(".dockerignore"))).as("the build context is only the build's output")
            .contains("*", "!target/lib/", "!target/original-sensor-functions.jar", "!target/sensor-functions", "!infra/docker/native-entrypoint.sh");
    }

    /** @return a Dockerfile's instructions, with comments and blank lines left out */
    private static List<String> instructions(String dockerfile) throws Exception {
        return Files.readAllLines(REPO.resolve(dockerfile)).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
}
