package io.sensorfunctions.restproxy;

import io.sensorfunctions.serde.KafkaAvroDeserializer;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.RestClient;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest-proxy function on a real broker and our registry, through the JDK's HTTP client, so that what is tested is
 * the wire: Confluent REST Proxy v2's paths, media types, bodies and error codes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestProxyTest {

    private static final String BINARY = RestClient.BINARY;
    private static final String JSON = RestClient.JSON;
    private static final String AVRO = RestClient.AVRO;
    private static final String SCHEMA = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"User\\\",\\\"fields\\\":"
        + "[{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"string\\\"},{\\\"name\\\":\\\"age\\\",\\\"type\\\":\\\"int\\\"}]}";

    private FunctionsInstance proxy;
    private RestClient rest;
    private String readings;
    private Map<String, Object> props;

    @BeforeAll
    void start() {
        props = TestKafka.isolated("rest-proxy");
        props.put("functions", "rest-proxy,registry");
        props.put("rest-proxy.max-request-size", 4096);
        readings = props.get("topics.readings").toString();
        proxy = FunctionsInstance.start(props);
        rest = new RestClient(proxy.url());
    }

    @AfterAll
    void stop() {
        proxy.close();
    }

    @Test
    void metadataAnswersInConfluentsShapes() throws Exception {
        int broker;
        try (AdminClient admin = TestKafka.admin()) {
            broker = admin.describeCluster().nodes().get().iterator().next().id();
        }
        String replicas = "\"leader\":" + broker + ",\"replicas\":[{\"broker\":" + broker + ",\"leader\":true,\"in_sync\":true}]}";
        assertThat(get("/brokers", null)).isEqualTo(answer(200, "{\"brokers\":[" + broker + "]}"));
        assertThat(get("/topics", null)).contains("\"" + readings + "\"").doesNotContain("__consumer_offsets");
        String topic = get("/topics/" + readings, "application/vnd.kafka.v2+json");
        assertThat(topic).startsWith("200 {\"name\":\"" + readings + "\",\"configs\":{").contains("\"cleanup.policy\":\"delete\"")
            .contains("\"partitions\":[{\"partition\":0," + replicas);
        assertThat(get("/topics/" + readings + "/partitions", "application/json")).startsWith("200 [{\"partition\":0,");
        assertThat(get("/topics/" + readings + "/partitions/3", null))
            .isEqualTo(answer(200, "{\"partition\":3," + replicas));
        assertThat(get("/topics/" + readings + "/partitions/1/offsets", null)).matches("200 \\{\"beginning_offset\":0,\"end_offset\":\\d+}");
    }

    @Test
    void missingTopicsAndPartitionsAndUnacceptableAcceptsAreConfluentErrors() throws Exception {
        assertThat(get("/topics/no-such-topic", null)).isEqualTo(answer(404, "{\"error_code\":40401,\"message\":\"Topic no-such-topic not found.\"}"));
        assertThat(get("/topics/" + readings + "/partitions/99", null)).contains("\"error_code\":40402");
        assertThat(get("/topics/" + readings + "/partitions/x/offsets", null)).contains("\"error_code\":40402");
        assertThat(get("/topics", "text/html")).startsWith("406 ");
        assertThat(get("/topics/" + readings + "/no/such/path", null)).startsWith("404 {\"error_code\":404,");
    }

    @Test
    void binaryAndJsonRecordsAreWrittenAsGiven() throws Exception {
        String topic = props.get("topics.alerts").toString();
        RestClient.Answer binary = post("/topics/" + topic + "/partitions/2", BINARY,
            "{\"records\":[{\"key\":\"a2V5\",\"value\":\"dmFsdWU=\"},{\"value\":\"AAE=\"}]}");
        assertThat(binary.status()).as(binary.body()).isEqualTo(200);
        assertThat(binary.body()).matches("\\{\"key_schema_id\":null,\"value_schema_id\":null,\"offsets\":\\[\\{\"partition\":2,"
            + "\"offset\":\\d+,\"error_code\":null,\"error\":null},\\{\"partition\":2,\"offset\":\\d+,\"error_code\":null,\"error\":null}]}");
        RestClient.Answer json = post("/topics/" + topic, JSON, "{\"records\":[{\"key\":\"k\",\"value\":{\"x\":[1,2.5,true,null]},\"partition\":1}]}");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        List<ConsumerRecord<byte[], byte[]>> written = TestKafka.readAll(topic);
        assertThat(written).extracting(r -> r.partition() + " " + text(r.key()) + " " + text(r.value())).contains(
            "2 key value", "2 null \u0000\u0001", "1 \"k\" {\"x\":[1,2.5,true,null]}");
    }

    @Test
    void avroRecordsGoThroughTheRegistryInTheConfluentWireFormat() throws Exception {
        String topic = readings;
        RestClient.Answer first = post("/topics/" + topic, AVRO, "{\"value_schema\":\"" + SCHEMA
            + "\",\"records\":[{\"value\":{\"name\":\"ada\",\"age\":36}}]}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String id = first.body().replaceAll(".*\"value_schema_id\":(\\d+).*", "$1");
        RestClient.Answer byId = post("/topics/" + topic + "/partitions/0", AVRO, "{\"value_schema_id\":" + id
            + ",\"records\":[{\"value\":{\"name\":\"grace\",\"age\":85}}]}");
        assertThat(byId.body()).as(byId.body()).contains("\"value_schema_id\":" + id).contains("\"partition\":0");
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", props.get("schema.registry.url")), false);
        assertThat(TestKafka.readAll(topic)).extracting(r -> ((GenericRecord) deserializer.deserialize(topic, r.value())).toString())
            .contains("{\"name\": \"ada\", \"age\": 36}", "{\"name\": \"grace\", \"age\": 85}");
    }

    @Test
    void badProducesAreRefusedWholeWithConfluentCodes() throws Exception {
        String topic = readings;
        long before = TestKafka.endOffsets(topic);
        assertThat(post("/topics/" + topic, "text/plain", "{\"records\":[{\"value\":\"AA==\"}]}").status()).isEqualTo(415);
        assertThat(post("/topics/" + topic, BINARY, "not json").body()).startsWith("{\"error_code\":422,");
        assertThat(post("/topics/" + topic, BINARY, "{\"records\":[]}").body()).startsWith("{\"error_code\":422,");
        assertThat(post("/topics/" + topic, BINARY, "{\"records\":[{\"value\":\"AA==\"},{\"value\":\"%%%\"}]}").body())
            .startsWith("{\"error_code\":42205,");
        assertThat(post("/topics/" + topic, AVRO, "{\"records\":[{\"value\":{\"name\":\"x\"}}]}").body()).startsWith("{\"error_code\":42202,");
        assertThat(post("/topics/" + topic, AVRO, "{\"records\":[{\"key\":1,\"value\":{\"name\":\"x\"}}],\"value_schema\":\"" + SCHEMA + "\"}")
            .body()).startsWith("{\"error_code\":42201,");
        assertThat(post("/topics/" + topic, AVRO, "{\"value_schema\":\"" + SCHEMA + "\",\"records\":[{\"value\":{\"name\":\"x\"}}]}").body())
            .startsWith("{\"error_code\":42205,");
        assertThat(post("/topics/no-such-topic", BINARY, "{\"records\":[{\"value\":\"AA==\"}]}").body()).startsWith("{\"error_code\":40401,");
        assertThat(post("/topics/" + topic + "/partitions/9", BINARY, "{\"records\":[{\"value\":\"AA==\"}]}").body())
            .startsWith("{\"error_code\":40402,");
        assertThat(post("/topics/" + topic, BINARY, "{\"records\":[{\"value\":\"" + "A".repeat(5000) + "\"}]}").status()).isEqualTo(413);
        assertThat(TestKafka.endOffsets(topic)).as("nothing written").isEqualTo(before);
    }

    private static String answer(int status, String body) {
        return status + " " + body;
    }

    private String get(String path, String accept) {
        RestClient.Answer answer = rest.get(path, accept);
        return answer(answer.status(), answer.body());
    }

    private RestClient.Answer post(String path, String contentType, String body) {
        return rest.post(path, contentType, body);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
