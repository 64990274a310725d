package io.sensorfunctions.trigger;

import io.micronaut.json.JsonMapper;
import io.micronaut.validation.validator.Validator;
import io.sensorfunctions.http.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.sensorfunctions.testkit.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProduceRequestParserTest {

    private final ProduceRequestParser parser =
        new ProduceRequestParser(JsonMapper.createDefault(), Validator.getInstance(), new TriggerConfiguration(1000, 5000, 10, 4));

    @Test
    void acceptsTheDocumentedBody() {
        assertThat(parser.parse("{\"events\": 10, \"delayMs\": 500, \"start\": 30}")).isEqualTo(new ProduceRequest(10, 500, 30L));
        assertThat(parser.parse("{\"events\": 1, \"delayMs\": 0}")).isEqualTo(new ProduceRequest(1, 0, null));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"delayMs\": 0}                          | events  | is required",
        "{\"events\": 1}                           | delayMs | is required",
        "{\"events\": \"10\", \"delayMs\": 0}      | events  | must be a number",
        "{\"events\": true, \"delayMs\": 0}        | events  | must be a number",
        "{\"events\": 2.5, \"delayMs\": 0}         | events  | must be a whole number",
        "{\"events\": -1, \"delayMs\": 0}          | events  | must be at least 1",
        "{\"events\": 1, \"delayMs\": -5}          | delayMs | must not be negative",
        "{\"events\": 1, \"delayMs\": 0, \"start\": -2} | start | must not be negative",
        "{\"events\": 1001, \"delayMs\": 0}        | events  | must be at most 1000",
        "{\"events\": 1, \"delayMs\": 5001}        | delayMs | must be at most 5000",
        "{\"events\": 1, \"delayMs\": 0, \"evnts\": 2} | evnts | unknown field",
    })
    void namesTheFieldAndTheRule(String body, String field, String reason) {
        assertRefused(() -> parser.parse(body), field, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'' | body is empty", "not json | not valid JSON", "[1, 2] | must be a JSON object"})
    void rejectsBodiesThatAreNotAnObject(String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(InvalidRequestException.class).hasMessageContaining(reason);
    }
}
