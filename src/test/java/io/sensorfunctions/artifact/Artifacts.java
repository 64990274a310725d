package io.sensorfunctions.artifact;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/** Which shipped artifacts this run has: each beyond the jar is named by an environment variable that .ci/run sets. */
final class Artifacts {

    private Artifacts() {
    }

    /**
     * Aborts the calling test class when {@code variable} is unset, saying how to build the artifact; under CI
     * ({@code CI=true}) fails instead, since CI builds every artifact.
     *
     * @param value what the variable holds, or null
     * @param how   how a developer builds the artifact and sets the variable
     */
    static void require(String variable, String value, String how) {
        if (value == null || value.isBlank()) {
            assertThat(System.getenv("CI")).as("under CI, " + variable + " must name the artifact").isNotEqualTo("true");
            Assumptions.abort(variable + " is not set: " + how + " to run these checks");
        }
    }
}
