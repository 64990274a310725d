package io.sensorfunctions.reader;

import io.micronaut.json.JsonMapper;
import io.micronaut.validation.validator.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static io.sensorfunctions.testkit.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class SeekRequestParserTest {

    private final SeekRequestParser parser = new SeekRequestParser(JsonMapper.createDefault(), Validator.getInstance());

    @Test
    void readsEachKindOfTarget() {
        assertThat(parser.parse("{\"to\": \"beginning\"}")).isEqualTo(new SeekTarget.Beginning());
        assertThat(parser.parse("{\"to\": \"end\"}")).isEqualTo(new SeekTarget.End());
        assertThat(parser.parse("{\"to\": \"timestamp\", \"timestamp\": \"2026-11-21T20:00:00Z\"}"))
            .isEqualTo(new SeekTarget.Timestamp(Instant.parse("2026-11-21T20:00:00Z").toEpochMilli()));
        assertThat(parser.parse("{\"to\": \"timestamp\", \"timestamp\": 1700000000000}")).isEqualTo(new SeekTarget.Timestamp(1700000000000L));
        assertThat(parser.parse("{\"to\": \"offsets\", \"offsets\": {\"3\": 40, \"0\": 12}}"))
            .isEqualTo(new SeekTarget.Offsets(Map.of(0, 12L, 3, 40L)));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "{}                                                | to        | is required",
        "{\"to\": 1}                                       | to        | must be beginning, end, timestamp or offsets, got 1",
        "{\"to\": \"middle\"}                              | to        | must be beginning, end, timestamp or offsets, got middle",
        "{\"to\": \"timestamp\"}                           | timestamp | is required",
        "{\"to\": \"timestamp\", \"timestamp\": \"yesterday\"} | timestamp | must be ISO-8601",
        "{\"to\": \"timestamp\", \"timestamp\": -1}        | timestamp | must not be negative",
        "{\"to\": \"timestamp\", \"timestamp\": true}      | timestamp | must be ISO-8601 text or epoch ms",
        "{\"to\": \"offsets\"}                             | offsets   | is required",
        "{\"to\": \"offsets\", \"offsets\": [1]}           | offsets   | must be an object",
        "{\"to\": \"offsets\", \"offsets\": {\"0\": -1}}   | offsets   | must not be negative, got -1",
        "{\"to\": \"offsets\", \"offsets\": {\"zero\": 1}} | offsets   | keys are partition numbers",
        "{\"to\": \"offsets\", \"offsets\": {\"-1\": 1}}   | offsets   | keys are partition numbers from 0",
        "{\"to\": \"beginning\", \"partition\": 1}         | partition | unknown field",
    })
    void namesTheFieldAndTheRule(String body, String field, String reason) {
        assertRefused(() -> parser.parse(body), field, reason);
    }
}
