package io.sensorfunctions.registry;

import io.micronaut.http.HttpStatus;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which versions each level checks, and in which direction; the reader/writer rules are Avro's. */
class CompatibilityLevelTest {

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }

    private static final String A = "{\"name\":\"a\",\"type\":\"int\"}";
    private static final String B_WITH_DEFAULT = "{\"name\":\"b\",\"type\":\"int\",\"default\":0}";
    private static final String B = "{\"name\":\"b\",\"type\":\"int\"}";

    private static NavigableMap<Integer, Schema> versions(Schema... schemas) {
        NavigableMap<Integer, Schema> versions = new TreeMap<>();
        for (int i = 0; i < schemas.length; i++) {
            versions.put(i + 1, schemas[i]);
        }
        return versions;
    }

    /**
     * History {a} then {a, b=0}; candidate {a, b} without a default. It reads the latest (b present) but not v1 (b
     * missing, no default); v1 and v2 read it (b ignored, or present).
     */
    @ParameterizedTest
    @CsvSource({
        "NONE, true",
        "BACKWARD, true",
        "BACKWARD_TRANSITIVE, false",
        "FORWARD, true",
        "FORWARD_TRANSITIVE, true",
        "FULL, true",
        "FULL_TRANSITIVE, false",
    })
    void transitiveLevelsCheckEveryVersion(CompatibilityLevel level, boolean compatible) {
        assertThat(level.violations(record(A + "," + B), versions(record(A), record(A + "," + B_WITH_DEFAULT))).isEmpty())
            .isEqualTo(compatible);
    }

    /** A new field without a default: old readers skip it (FORWARD), but the new reader cannot fill it from old data. */
    @ParameterizedTest
    @CsvSource({"NONE, true", "BACKWARD, false", "FORWARD, true", "FULL, false"})
    void directionFollowsTheLevel(CompatibilityLevel level, boolean compatible) {
        assertThat(level.violations(record(A + "," + B), versions(record(A))).isEmpty()).isEqualTo(compatible);
    }

    @Test
    void aFirstVersionIsAlwaysCompatible() {
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.violations(record(A), versions())).isEmpty();
    }

    @Test
    void violationsNameTheVersionAndAvrosReason() {
        assertThat(CompatibilityLevel.BACKWARD.violations(record(A + "," + B), versions(record(A))))
            .singleElement().asString().contains("version 1").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("/fields/1");
    }

    @Test
    void levelsParseInAnyCaseAndRejectOthersWith42203() {
        assertThat(CompatibilityLevel.parse("backward_transitive")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS")).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(42203);
            assertThat(e.httpStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
            assertThat(e.getMessage()).contains("SIDEWAYS");
        });
        assertThatThrownBy(() -> CompatibilityLevel.parse(null)).isInstanceOf(RegistryException.class);
    }
}
