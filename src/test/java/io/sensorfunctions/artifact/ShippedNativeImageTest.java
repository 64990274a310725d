package io.sensorfunctions.artifact;

import io.sensorfunctions.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployer's checks ({@link ShippedArtifactChecks}) against the native image of
 * {@code infra/docker/Dockerfile.native}, named by {@code SENSOR_FUNCTIONS_NATIVE_IMAGE} (.ci/run builds it and sets
 * it), plus what only this image has: distroless' non-root user, the {@code HEALTHCHECK} turning healthy through
 * busybox's wget, and a heap sized from the container's memory limit by its entrypoint. Without the variable the
 * checks are skipped with that reason, except under CI, where a missing image fails.
 */
@IntegrationTest
class ShippedNativeImageTest extends ShippedArtifactChecks {

    static final String VARIABLE = "SENSOR_FUNCTIONS_NATIVE_IMAGE";
    private static final String IMAGE = System.getenv(VARIABLE);
    private static final Pattern HEAP = Pattern.compile("Started functions .* heap up to (\\d+) MiB");

    @Override
    void requireArtifact() {
        Artifacts.require(VARIABLE, IMAGE, "build the native image (docker build -f infra/docker/Dockerfile.native, docs/deploy.md) and set it");
    }

    @Override
    Deployment.Launcher launcher() {
        return ImageDeployment.nativeImage(IMAGE);
    }

    @Override
    String kind() {
        return "native-image";
    }

    @Test
    void theImageRunsAsNonRootBecomesHealthyAndSizesItsHeapFromTheLimit() throws Exception {
        String name = "native-image-healthcheck";
        Map<String, String> environment = Instances.environment(name);
        environment.putAll(Map.of(
            "FUNCTIONS", "registry",
            "SECURITY_USERS_OLGA_PASSWORD", "operator-password", "SECURITY_USERS_OLGA_ROLES", "operator"));
        try (ImageDeployment registry = (ImageDeployment) launcher().start(name, environment)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.log()).containsPattern(HEAP));
            Matcher heap = HEAP.matcher(registry.log());
            assertThat(heap.find()).isTrue();
            // The launcher runs it with -m 384m; sized from the host's memory instead, the heap would reach gigabytes.
            assertThat(Long.parseLong(heap.group(1))).as("the heap's limit in MiB, under a 384 MiB container limit").isBetween(64L, 384L);
            registry.assertRunsAsAndTurnsHealthy("65532");
        }
    }
}
