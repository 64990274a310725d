package io.sensorfunctions.restproxy;

import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.RestClient;
import io.sensorfunctions.testkit.TestKafka;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input, many times over: malformed bodies, content types, formats, schemas, names and offsets, each answered 4xx
 * with a Confluent error code. Afterwards nothing was written to the topic, the group committed nothing, and the
 * consumer instance the requests aimed at still reads its one record from where it stood.
 */
@IntegrationTest
class RestProxyBadInputTest {

    private static final String V2 = RestClient.V2;
    private static final String BINARY = RestClient.BINARY;
    private static final String AVRO = RestClient.AVRO;
    private static final String SCHEMA = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"User\\\",\\\"fields\\\":"
        + "[{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"string\\\"}]}";

    /** One bad request: what it sends, and the status and Confluent error code it must get. */
    private record Case(String method, String path, String contentType, String accept, String body, int status, int errorCode) {

        static Case post(String path, String contentType, String body, int status, int errorCode) {
            return new Case("POST", path, contentType, null, body, status, errorCode);
        }
    }

    @Test
    void everyBadRequestIsRefusedWithAConfluentCodeAndChangesNothing() throws Exception {
        Map<String, Object> props = TestKafka.isolated("rest-bad-input");
        props.put("functions", "rest-proxy,registry");
        props.put("rest-proxy.max-request-size", 4096);
        String topic = TestKafka.createTopic("rest-bad-input-" + UUID.randomUUID(), 1);
        String group = "rest-bad-input-" + UUID.randomUUID();
        try (FunctionsInstance proxy = FunctionsInstance.start(props)) {
            RestClient rest = new RestClient(proxy.url());
            assertThat(rest.post("/topics/" + topic, BINARY, "{\"records\":[{\"value\":\"c2VlZA==\"}]}").status()).isEqualTo(200);
            assertThat(rest.post("/consumers/" + group, V2, "{\"name\":\"i\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":false}")
                .status()).isEqualTo(200);
            String instance = "/consumers/" + group + "/instances/i";
            assertThat(rest.post(instance + "/assignments", V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").status())
                .isEqualTo(204);

            List<Case> cases = cases(topic, group, instance);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
            SoftAssertions softly = new SoftAssertions();
            for (Case bad : cases) {
                RestClient.Answer answer = rest.send(bad.method(), bad.path(), bad.contentType(), bad.accept(), bad.body());
                softly.assertThat(answer.status() + " " + answer.errorCode()).as(bad + " -> " + answer.body())
                    .isEqualTo(bad.status() + " " + bad.errorCode());
                softly.assertThat(answer.contentType()).as(bad.toString()).isEqualTo(V2);
            }
            softly.assertAll();

            assertThat(TestKafka.endOffsets(topic)).as("nothing written but the seed").isEqualTo(1);
            assertThat(TestKafka.committed(group)).as("nothing committed").isZero();
            RestClient.Answer read = await().atMost(Duration.ofSeconds(30))
                .until(() -> rest.get(instance + "/records", BINARY), answer -> answer.body().length() > 2);
            assertThat(read.body()).as("the instance is usable, and still at its record")
                .contains("\"value\":\"c2VlZA==\",\"partition\":0,\"offset\":0,");
        }
    }

    private static List<Case> cases(String topic, String group, String instance) {
        String records = "{\"records\":[{\"value\":\"AA==\"}]}";
        String produce = "/topics/" + topic;
        List<Case> cases = new ArrayList<>(List.of(
            Case.post(produce, "text/plain", records, 415, 415),
            Case.post(produce, null, records, 415, 415),
            Case.post(produce, "application/vnd.kafka.protobuf.v2+json", records, 415, 415),
            Case.post(produce, "application/xml", records, 415, 415),
            Case.post(produce, BINARY, "not json", 422, 422),
            Case.post(produce, BINARY, "[]", 422, 422),
            Case.post(produce, BINARY, "{}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[]}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":{}}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[1]}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\",\"headers\":[]}]}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\"}],\"extra\":1}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\",\"partition\":\"zero\"}]}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\",\"partition\":0.5}]}", 422, 422),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\"},{\"value\":\"%%%\"}]}", 422, 42205),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":123}]}", 422, 42205),
            Case.post(produce, BINARY, "{\"records\":[{\"key\":{\"a\":1},\"value\":\"AA==\"}]}", 422, 42205),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\",\"partition\":5}]}", 404, 40402),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"AA==\",\"partition\":-1}]}", 404, 40402),
            Case.post(produce + "/partitions/9", BINARY, records, 404, 40402),
            Case.post(produce + "/partitions/first", BINARY, records, 404, 40402),
            Case.post("/topics/no-such-topic-" + UUID.randomUUID(), BINARY, records, 404, 40401),
            Case.post(produce, AVRO, "{\"records\":[{\"value\":{\"name\":\"x\"}}]}", 422, 42202),
            Case.post(produce, AVRO, "{\"value_schema\":\"" + SCHEMA + "\",\"records\":[{\"key\":\"k\",\"value\":{\"name\":\"x\"}}]}", 422, 42201),
            Case.post(produce, AVRO, "{\"value_schema\":\"not a schema\",\"records\":[{\"value\":{\"name\":\"x\"}}]}", 422, 42205),
            Case.post(produce, AVRO, "{\"value_schema\":\"" + SCHEMA + "\",\"records\":[{\"value\":{\"name\":7}}]}", 422, 42205),
            Case.post(produce, AVRO, "{\"value_schema\":\"" + SCHEMA + "\",\"records\":[{\"value\":{}}]}", 422, 42205),
            Case.post(produce, AVRO, "{\"value_schema_id\":\"one\",\"records\":[{\"value\":{\"name\":\"x\"}}]}", 422, 422),
            Case.post(produce, AVRO, "{\"value_schema_id\":987654,\"records\":[{\"value\":{\"name\":\"x\"}}]}", 422, 42205),
            Case.post(produce, BINARY, "{\"records\":[{\"value\":\"" + "A".repeat(5000) + "\"}]}", 413, 413),
            new Case("POST", produce, BINARY, "text/html", records, 406, 406),

            Case.post("/consumers/" + group, "text/plain", "{}", 415, 415),
            Case.post("/consumers/" + group, V2, "not json", 422, 42204),
            Case.post("/consumers/" + group, V2, "[]", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"format\":\"protobuf\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"format\":7}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"auto.offset.reset\":\"sometimes\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"auto.commit.enable\":\"maybe\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"fetch.min.bytes\":-5}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"fetch.min.bytes\":\"many\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"consumer.request.timeout.ms\":1.5}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"name\":\"a/b\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"name\":\"\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"name\":\"x\",\"color\":\"red\"}", 422, 42204),
            Case.post("/consumers/" + group, V2, "{\"name\":\"i\"}", 409, 40902),
            Case.post("/consumers/" + group + "/instances/nobody/subscription", V2, "{\"topics\":[\"t\"]}", 404, 40403),
            Case.post(instance + "/subscription", V2, "{}", 422, 422),
            Case.post(instance + "/subscription", V2, "{\"topics\":[]}", 422, 422),
            Case.post(instance + "/subscription", V2, "{\"topics\":[1]}", 422, 422),
            Case.post(instance + "/subscription", V2, "{\"topic_pattern\":\"(\"}", 422, 422),
            Case.post(instance + "/subscription", V2, "{\"topics\":[\"" + topic + "\"],\"topic_pattern\":\"x\"}", 409, 40903),
            Case.post(instance + "/subscription", V2, "{\"topics\":[\"" + topic + "\"]}", 409, 40903),
            Case.post(instance + "/assignments", V2, "{\"partitions\":\"all\"}", 422, 422),
            Case.post(instance + "/assignments", V2, "{\"partitions\":[{\"topic\":\"" + topic + "\"}]}", 422, 422),
            Case.post(instance + "/assignments", V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":-1}]}", 422, 422),
            Case.post(instance + "/assignments", V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":3}]}", 404, 40402),
            Case.post(instance + "/assignments", V2, "{\"partitions\":[{\"topic\":\"no-such-topic\",\"partition\":0}]}", 404, 40401),
            Case.post(instance + "/positions", V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":-1}]}", 422, 422),
            Case.post(instance + "/positions", V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}", 422, 422),
            Case.post(instance + "/positions", V2, "{\"offsets\":[{\"topic\":\"other\",\"partition\":0,\"offset\":0}]}", 409, 40903),
            Case.post(instance + "/positions/beginning", V2, "{\"partitions\":[{\"topic\":\"other\",\"partition\":0}]}", 409, 40903),
            Case.post(instance + "/positions/end", V2, "x", 422, 422),
            new Case("GET", instance + "/records?timeout=soon", null, BINARY, null, 422, 422),
            new Case("GET", instance + "/records?max_bytes=0", null, BINARY, null, 422, 422),
            new Case("GET", instance + "/records?timeout=-1", null, BINARY, null, 422, 422),
            new Case("GET", instance + "/records", null, AVRO, null, 406, 40601),
            new Case("GET", instance + "/records", null, "text/html", null, 406, 406),
            Case.post(instance + "/offsets", V2, "{\"offsets\":[{\"topic\":\"no-such-topic\",\"partition\":0,\"offset\":0}]}", 404, 40401),
            Case.post(instance + "/offsets", V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":\"x\"}]}", 422, 422),
            Case.post(instance + "/offsets", V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":2,\"offset\":0}]}", 404, 40402),
            new Case("GET", instance + "/offsets", V2, null, "{}", 422, 422),
            new Case("DELETE", "/consumers/" + group + "/instances/nobody", null, null, null, 404, 40403),
            new Case("GET", "/topics/no-such-topic", null, null, null, 404, 40401),
            new Case("GET", "/topics/" + topic + "/partitions/x", null, null, null, 404, 40402)));
        return cases;
    }
}
