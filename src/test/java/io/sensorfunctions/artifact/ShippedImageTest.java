package io.sensorfunctions.artifact;

import io.sensorfunctions.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployer's checks ({@link ShippedArtifactChecks}) against the container image of {@code infra/docker/Dockerfile},
 * named by {@code SENSOR_FUNCTIONS_IMAGE} (.ci/run builds it and sets it), plus what only an image has: the
 * {@code HEALTHCHECK} turning healthy, the non-root user, and the JDK 25 AOT cache in use. Without the variable the
 * checks are skipped with that reason, except under CI, where a missing image fails.
 */
@IntegrationTest
class ShippedImageTest extends ShippedArtifactChecks {

    static final String VARIABLE = "SENSOR_FUNCTIONS_IMAGE";
    private static final String IMAGE = System.getenv(VARIABLE);

    @Override
    void requireArtifact() {
        Artifacts.require(VARIABLE, IMAGE, "build the image (docker build -f infra/docker/Dockerfile, docs/deploy.md) and set it");
    }

    @Override
    Deployment.Launcher launcher() {
        return ImageDeployment.jvm(IMAGE);
    }

    @Override
    String kind() {
        return "image";
    }

    @Test
    void theImageRunsAsItsOwnUserBecomesHealthyAndStartsFromItsAotCache() throws Exception {
        String name = "image-healthcheck";
        Map<String, String> environment = Instances.environment(name);
        environment.putAll(Map.of(
            "FUNCTIONS", "registry",
            "SECURITY_USERS_OLGA_PASSWORD", "operator-password", "SECURITY_USERS_OLGA_ROLES", "operator"));
        try (ImageDeployment registry = (ImageDeployment) launcher().start(name, environment, List.of("-Xlog:aot=info,cds=info:stdout"))) {
            assertThat(registry.log()).as("the JVM opened the image's AOT cache").contains("Opened AOT cache sensor-functions.aot")
                .doesNotContain("Unable to use");
            registry.assertRunsAsAndTurnsHealthy("10001");
        }
    }
}
