package io.sensorfunctions.artifact;

import io.sensorfunctions.testkit.IntegrationTest;

/**
 * The deployer's checks ({@link ShippedArtifactChecks}) against {@code java -jar target/sensor-functions.jar}: the
 * Micronaut-AOT-optimised, shaded jar that {@code ./mvnw package} makes and the README runs. Runs in
 * {@code ./mvnw verify}, after packaging.
 */
@IntegrationTest
class ShippedJarTest extends ShippedArtifactChecks {

    @Override
    Deployment.Launcher launcher() {
        return ProcessDeployment.jar();
    }

    @Override
    String kind() {
        return "jar";
    }
}
