package io.sensorfunctions.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hundreds of malformed requests against every state-changing endpoint: /produce, /readers/seek, /dlt/replay and
 * the registry. Each is malformed by construction (a prefix of a valid body, a field of the wrong type, sign or
 * size, an unknown field, a wrong content type), so each must be refused with a 4xx and a JSON body, never a 5xx,
 * and none may write anything: the end offsets of the readings, dead-letter and schema topics stay where they were.
 */
@IntegrationTest
class MalformedRequestsTest {

    private static final String JSON = MediaType.APPLICATION_JSON;
    private static final String REGISTRY = "application/vnd.schemaregistry.v1+json";

    private record Call(String method, String path, String contentType, String body) {
    }

    @Test
    void everyMalformedRequestIsA4xxJsonErrorAndNothingIsWritten() throws Exception {
        Map<String, Object> props = TestKafka.isolated("malformed");
        props.put("functions", "trigger,reader,registry");
        List<String> topics = List.of(props.get("topics.readings").toString(), props.get("topics.readings") + ".DLT",
            props.get("topics.schemas").toString());

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            http.exchange(HttpRequest.POST("/produce", "{\"events\": 1, \"delayMs\": 0}").contentType(JSON));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topics.get(0)) == 8);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(props.get("reader.group-id").toString()) == 8);
            Map<String, Long> before = endOffsets(topics);

            List<Call> calls = calls();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            for (Call call : calls) {
                int status;
                String body;
                try {
                    var response = http.exchange(request(call), String.class);
                    status = response.code();
                    body = response.getBody().orElse("");
                } catch (HttpClientResponseException e) {
                    status = e.getStatus().getCode();
                    body = e.getResponse().getBody(String.class).orElse("");
                }
                statuses.merge(status, 1, Integer::sum);
                if (status < 400 || status >= 500 || !isJsonObject(body)) {
                    wrong.add(status + " " + call + " -> " + body);
                }
            }
            System.out.println("malformed requests: " + calls.size() + " sent, statuses " + statuses);
            assertThat(calls).hasSizeGreaterThanOrEqualTo(200);
            assertThat(wrong).as("requests not refused with a 4xx JSON error").isEmpty();
            assertThat(endOffsets(topics)).as("nothing written").isEqualTo(before);
        }
    }

    private static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        String produce = "{\"events\": 2, \"delayMs\": 0}";
        String seek = "{\"to\": \"offsets\", \"offsets\": {\"0\": 1}}";
        String replay = "{\"partition\": 0, \"offsets\": [0]}";
        String schema = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"r\\\",\\\"fields\\\":[]}\"}";
        prefixes(calls, "POST", "/produce", JSON, produce);
        prefixes(calls, "POST", "/readers/seek", JSON, seek);
        prefixes(calls, "POST", "/dlt/replay", JSON, replay);
        prefixes(calls, "POST", "/subjects/malformed-value/versions", REGISTRY, schema);

        List<String> notWhole = List.of("-1", "1.5", "\"2\"", "null", "true", "[]", "{}", "1e400", "9223372036854775808",
            "-9223372036854775809", "18446744073709551615");
        for (String value : notWhole) {
            calls.add(new Call("POST", "/produce", JSON, "{\"events\": " + value + ", \"delayMs\": 0}"));
            calls.add(new Call("POST", "/produce", JSON, "{\"events\": 1, \"delayMs\": " + value + "}"));
            if (!value.equals("null")) {
                calls.add(new Call("POST", "/produce", JSON, "{\"events\": 1, \"delayMs\": 0, \"start\": " + value + "}"));
            }
            calls.add(new Call("POST", "/readers/seek", JSON, "{\"to\": \"offsets\", \"offsets\": {\"0\": " + value + "}}"));
            if (!value.equals("null")) {
                calls.add(new Call("POST", "/readers/seek", JSON, "{\"to\": \"timestamp\", \"timestamp\": " + value + "}"));
            }
            calls.add(new Call("POST", "/dlt/replay", JSON, "{\"partition\": " + value + ", \"offsets\": [0]}"));
            calls.add(new Call("POST", "/dlt/replay", JSON, "{\"partition\": 0, \"offsets\": [" + value + "]}"));
        }
        for (String body : List.of("", "null", "[]", "\"text\"", "{}", "{\"unknown\": 1}", "\u0000\u0001", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]")) {
            calls.add(new Call("POST", "/produce", JSON, body));
            calls.add(new Call("POST", "/readers/seek", JSON, body));
            calls.add(new Call("POST", "/dlt/replay", JSON, body));
            calls.add(new Call("POST", "/subjects/malformed-value/versions", REGISTRY, body));
        }
        for (String to : List.of("\"sideways\"", "5", "null", "[]")) {
            calls.add(new Call("POST", "/readers/seek", JSON, "{\"to\": " + to + "}"));
        }
        for (String timestamp : List.of("\"+1000000000-12-31T23:59:59Z\"", "\"1969-12-31T23:59:59Z\"", "\"yesterday\"")) {
            calls.add(new Call("POST", "/readers/seek", JSON, "{\"to\": \"timestamp\", \"timestamp\": " + timestamp + "}"));
        }
        for (String offsets : List.of("{}", "{\"x\": 1}", "{\"-1\": 0}", "{\"99999999999\": 1}", "[]", "{\"7\": 0}")) {
            calls.add(new Call("POST", "/readers/seek", JSON, "{\"to\": \"offsets\", \"offsets\": " + offsets + "}"));
        }
        calls.add(new Call("POST", "/dlt/replay", JSON, "{\"partition\": 0, \"offsets\": [999999]}"));
        calls.add(new Call("POST", "/dlt/replay", JSON, "{\"partition\": 99, \"offsets\": [0]}"));
        calls.add(new Call("POST", "/dlt/replay", JSON, "{\"topic\": \"sensor-readings\", \"partition\": 0, \"offsets\": [0]}"));
        calls.add(new Call("POST", "/dlt/replay", JSON, "{\"partition\": 0, \"offsets\": [" + "0,".repeat(1000) + "0]}"));
        for (String path : List.of("/produce", "/readers/seek", "/dlt/replay")) {
            String valid = path.equals("/produce") ? produce : path.equals("/readers/seek") ? "{\"to\": \"end\"}" : replay;
            calls.add(new Call("POST", path, MediaType.TEXT_PLAIN, valid));
            calls.add(new Call("POST", path, "application/x-www-form-urlencoded", valid));
        }
        for (String invalid : List.of("{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"f\",\"type\":\"int\",\"default\":\"nope\"}]}",
            "[\"null\",[\"int\",\"string\"]]", "[\"int\",\"int\"]", "{\"type\":\"fixed\",\"name\":\"f\",\"size\":-1}",
            "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"f\",\"type\":\"int\",\"order\":\"sideways\"}]}",
            "{\"type\":\"record\",\"fields\":[]}", "{\"type\":\"nope\"}", "\"notatype\"")) {
            String body = "{\"schema\": " + quote(invalid) + "}";
            calls.add(new Call("POST", "/subjects/malformed-value/versions", REGISTRY, body));
            calls.add(new Call("POST", "/compatibility/subjects/malformed-value/versions/latest", REGISTRY, body));
        }
        calls.add(new Call("POST", "/subjects/malformed-value/versions", REGISTRY, "{\"schema\": \"\\\"int\\\"\", \"schemaType\": \"PROTOBUF\"}"));
        calls.add(new Call("POST", "/subjects/malformed-value/versions", REGISTRY,
            "{\"schema\": \"\\\"int\\\"\", \"references\": [{\"name\": \"a\", \"subject\": \"b\", \"version\": 1}]}"));
        for (String level : List.of("{\"compatibility\": \"SIDEWAYS\"}", "{}", "{\"compatibility\": 5}", "[]", "")) {
            calls.add(new Call("PUT", "/config", REGISTRY, level));
            calls.add(new Call("PUT", "/config/malformed-value", REGISTRY, level));
        }
        for (String path : List.of("/subjects/unknown-value/versions/0", "/subjects/unknown-value/versions/abc",
            "/subjects/unknown-value/versions/99999999999", "/schemas/ids/-1", "/schemas/ids/abc", "/schemas/ids/99999999999")) {
            calls.add(new Call("GET", path, null, null));
        }
        calls.add(new Call("DELETE", "/subjects/unknown-value", null, null));
        return calls;
    }

    /** Every proper prefix of a valid JSON body is invalid JSON. */
    private static void prefixes(List<Call> calls, String method, String path, String contentType, String valid) {
        for (int length = 0; length < valid.length(); length++) {
            calls.add(new Call(method, path, contentType, valid.substring(0, length)));
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static MutableHttpRequest<?> request(Call call) {
        MutableHttpRequest<?> request = switch (call.method()) {
            case "POST" -> HttpRequest.POST(call.path(), call.body());
            case "PUT" -> HttpRequest.PUT(call.path(), call.body());
            case "DELETE" -> HttpRequest.DELETE(call.path());
            default -> HttpRequest.GET(call.path());
        };
        return call.contentType() == null ? request : request.contentType(call.contentType());
    }

    private static boolean isJsonObject(String body) {
        try {
            return new ObjectMapper().readTree(body).isObject();
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<String, Long> endOffsets(List<String> topics) throws Exception {
        Map<String, Long> ends = new LinkedHashMap<>();
        for (String topic : topics) {
            ends.put(topic, TestKafka.endOffsets(topic));
        }
        return ends;
    }
}
