package io.sensorfunctions.artifact;

import io.sensorfunctions.testkit.IntegrationTest;

import java.nio.file.Path;

/**
 * The deployer's checks ({@link ShippedArtifactChecks}) against the native executable that
 * {@code ./mvnw -Pnative package} makes (GraalVM native-image), named by {@code SENSOR_FUNCTIONS_EXECUTABLE}
 * (.ci/run builds it and sets it), run as a process. Without the variable the checks are skipped with that reason,
 * except under CI, where a missing executable fails.
 */
@IntegrationTest
class ShippedNativeTest extends ShippedArtifactChecks {

    static final String VARIABLE = "SENSOR_FUNCTIONS_EXECUTABLE";
    private static final String EXECUTABLE = System.getenv(VARIABLE);

    @Override
    void requireArtifact() {
        Artifacts.require(VARIABLE, EXECUTABLE, "build it with ./mvnw -Pnative package (docs/deploy.md) and set it to target/sensor-functions");
    }

    @Override
    Deployment.Launcher launcher() {
        return ProcessDeployment.nativeExecutable(Path.of(EXECUTABLE));
    }

    @Override
    String kind() {
        return "native";
    }
}
