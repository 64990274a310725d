package io.sensorfunctions.deadletter;

import io.micronaut.json.JsonMapper;
import io.micronaut.validation.validator.Validator;
import io.sensorfunctions.http.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.sensorfunctions.testkit.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRequestParserTest {

    private static final List<String> TOPICS = List.of("sensor-readings.DLT", "sensor-alerts.DLT");

    private final ReplayRequestParser parser = new ReplayRequestParser(JsonMapper.createDefault(), Validator.getInstance());

    @Test
    void acceptsTheDocumentedBodyAndDefaultsTheTopic() {
        assertThat(parser.parse("{\"partition\": 0, \"offsets\": [3, 4]}", TOPICS))
            .isEqualTo(new ReplayRequest("sensor-readings.DLT", 0, List.of(3L, 4L)));
        assertThat(parser.parse("{\"topic\": \"sensor-alerts.DLT\", \"partition\": 2, \"offsets\": [0]}", TOPICS).topic())
            .isEqualTo("sensor-alerts.DLT");
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"offsets\": [1]}                                 | partition | is required",
        "{\"partition\": -1, \"offsets\": [1]}              | partition | must not be negative, got -1",
        "{\"partition\": 0.5, \"offsets\": [1]}             | partition | must be a whole number",
        "{\"partition\": 0}                                 | offsets   | is required: an array of 1 to 1000",
        "{\"partition\": 0, \"offsets\": []}                | offsets   | is required: an array of 1 to 1000",
        "{\"partition\": 0, \"offsets\": 3}                 | offsets   | must be an array",
        "{\"partition\": 0, \"offsets\": [3, -4]}           | offsets   | must not be negative, got -4",
        "{\"partition\": 0, \"offsets\": [\"3\"]}           | offsets   | must be a number",
        "{\"topic\": \"sensor-readings\", \"partition\": 0, \"offsets\": [1]} | topic | must be one of",
    })
    void namesTheFieldAndTheRule(String body, String field, String reason) {
        assertRefused(() -> parser.parse(body, TOPICS), field, reason);
    }

    @Test
    void refusesMoreThanAThousandOffsets() {
        String offsets = LongStream.range(0, ReplayRequest.MAX_OFFSETS + 1).mapToObj(Long::toString).collect(Collectors.joining(","));
        assertThatThrownBy(() -> parser.parse("{\"partition\": 0, \"offsets\": [" + offsets + "]}", TOPICS))
            .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("offsets"));
    }
}
