package io.sensorfunctions.artifact;

import io.sensorfunctions.testkit.RestClient;
import io.sensorfunctions.testkit.TestKafka;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rest-proxy function of a shipped artifact with security on: its doors (writes and {@code /consumers} for
 * operators, metadata as {@code security.read-access} says), each embedded format produced and read back through a
 * consumer instance, every consumer call, each of Confluent's error codes the proxy answers, and
 * {@code REST_PROXY_MAX_CONSUMER_INSTANCES} (the instance must be started with it at 3).
 */
final class RestProxyChecks {

    private static final String SCHEMA = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Door\\\",\\\"fields\\\":"
        + "[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\"}]}";

    private RestProxyChecks() {
    }

    /**
     * @param base     the instance's URL
     * @param operator an operator's Authorization header
     * @param viewer   a viewer's Authorization header
     * @param topic    a name for a topic of this check's own, made here
     */
    static void check(String base, String operator, String viewer, String topic) throws Exception {
        TestKafka.createTopic(topic, 1);
        RestClient anonymous = new RestClient(base, null);
        RestClient viewing = new RestClient(base, viewer);
        RestClient rest = new RestClient(base, operator);
        String binary = "{\"records\":[{\"key\":\"a2V5\",\"value\":\"dmFsdWU=\"}]}";
        String group = topic + "-group";
        for (String[] door : new String[][]{{"/topics/" + topic, RestClient.BINARY, binary}, {"/consumers/" + group, RestClient.V2, "{}"}}) {
            assertThat(anonymous.post(door[0], door[1], door[2]).status()).as("POST " + door[0] + " anonymous").isEqualTo(401);
            assertThat(viewing.post(door[0], door[1], door[2]).status()).as("POST " + door[0] + " viewer").isEqualTo(403);
        }
        assertThat(anonymous.get("/consumers/" + group + "/instances/x/records", null).status()).isEqualTo(401);
        assertThat(anonymous.get("/topics", null).body()).contains("\"" + topic + "\"");
        assertThat(anonymous.get("/brokers", null).body()).startsWith("{\"brokers\":[");
        assertThat(anonymous.get("/topics/" + topic + "/partitions/0/offsets", null).body()).isEqualTo("{\"beginning_offset\":0,\"end_offset\":0}");

        assertThat(rest.post("/topics/" + topic, RestClient.BINARY, binary).status()).isEqualTo(200);
        assertThat(rest.post("/topics/" + topic + "/partitions/0", RestClient.JSON, "{\"records\":[{\"value\":{\"n\":1}}]}").status())
            .isEqualTo(200);
        RestClient.Answer avro = rest.post("/topics/" + topic, RestClient.AVRO, "{\"value_schema\":\"" + SCHEMA
            + "\",\"records\":[{\"value\":{\"n\":2}}]}");
        assertThat(avro.status()).as(avro.body()).isEqualTo(200);
        assertThat(avro.body()).matches("\\{\"key_schema_id\":null,\"value_schema_id\":\\d+,\"offsets\":\\[\\{\"partition\":0,\"offset\":2,.*");

        String instance = "/consumers/" + group + "/instances/reader";
        assertThat(rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"reader\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}")
            .status()).isEqualTo(200);
        assertThat(rest.post(instance + "/subscription", RestClient.V2, "{\"topics\":[\"" + topic + "\"]}").status()).isEqualTo(204);
        assertThat(rest.get(instance + "/subscription", null).body()).isEqualTo("{\"topics\":[\"" + topic + "\"]}");
        RestClient.Answer records = await().atMost(Duration.ofSeconds(30))
            .until(() -> rest.get(instance + "/records", RestClient.BINARY), answer -> answer.body().contains("\"offset\":2"));
        assertThat(records.body()).contains("\"key\":\"a2V5\",\"value\":\"dmFsdWU=\",\"partition\":0,\"offset\":0,");
        assertThat(rest.post(instance + "/offsets", RestClient.V2, "{}").status()).isEqualTo(204);
        assertThat(TestKafka.committed(group)).isEqualTo(3);
        String partition = "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}";
        assertThat(rest.send("GET", instance + "/offsets", RestClient.V2, null, partition).body())
            .isEqualTo("{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":3,\"metadata\":\"\"}]}");
        assertThat(rest.get(instance + "/assignments", null).body()).isEqualTo(partition);
        assertThat(rest.post(instance + "/positions/beginning", RestClient.V2, partition).status()).isEqualTo(204);
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> rest.get(instance + "/records?max_bytes=1", RestClient.BINARY),
            answer -> answer.body().length() > 2).body()).as("max_bytes=1: one record").contains("\"offset\":0,").doesNotContain("\"offset\":1,");
        assertThat(rest.post(instance + "/positions/end", RestClient.V2, partition).status()).isEqualTo(204);
        assertThat(rest.get(instance + "/records?timeout=200", RestClient.BINARY).body()).isEqualTo("[]");
        assertThat(rest.delete(instance + "/subscription").status()).isEqualTo(204);
        assertThat(rest.get(instance + "/subscription", null).body()).isEqualTo("{\"topics\":[]}");
        assertThat(anonymous.get("/topics/" + topic, null).body()).startsWith("{\"name\":\"" + topic + "\",\"configs\":{");
        assertThat(anonymous.get("/topics/" + topic + "/partitions", null).body()).startsWith("[{\"partition\":0,\"leader\":");

        String avroInstance = "/consumers/" + group + "/instances/avro";
        rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"avro\",\"format\":\"avro\"}");
        rest.post(avroInstance + "/assignments", RestClient.V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        rest.post(avroInstance + "/positions", RestClient.V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]}");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> rest.get(avroInstance + "/records", RestClient.AVRO),
            answer -> answer.body().length() > 2).body()).contains("\"value\":{\"n\":2},\"partition\":0,\"offset\":2,");

        String[][] errors = {
            // method, path, content type, accept, body, status, error code
            {"GET", "/topics/no-such-topic", null, null, null, "404", "40401"},
            {"POST", "/topics/" + topic + "/partitions/7", RestClient.BINARY, null, binary, "404", "40402"},
            {"GET", "/consumers/" + group + "/instances/nobody/assignments", null, null, null, "404", "40403"},
            {"GET", avroInstance + "/records", null, RestClient.BINARY, null, "406", "40601"},
            {"POST", "/consumers/" + group, RestClient.V2, null, "{\"name\":\"reader\"}", "409", "40902"},
            {"POST", avroInstance + "/subscription", RestClient.V2, null, "{\"topics\":[\"" + topic + "\"]}", "409", "40903"},
            {"POST", "/topics/" + topic, RestClient.AVRO, null, "{\"value_schema\":\"" + SCHEMA + "\",\"records\":[{\"key\":1,\"value\":{\"n\":1}}]}",
                "422", "42201"},
            {"POST", "/topics/" + topic, RestClient.AVRO, null, "{\"records\":[{\"value\":{\"n\":1}}]}", "422", "42202"},
            {"POST", "/consumers/" + group, RestClient.V2, null, "{\"format\":\"protobuf\"}", "422", "42204"},
            {"POST", "/topics/" + topic, RestClient.AVRO, null, "{\"value_schema\":\"" + SCHEMA + "\",\"records\":[{\"value\":{\"n\":\"x\"}}]}",
                "422", "42205"},
            {"POST", "/topics/" + topic, RestClient.BINARY, null, "{\"records\":[]}", "422", "422"},
            {"POST", "/topics/" + topic, RestClient.BINARY, null, "{\"records\":[{\"value\":\"" + "A".repeat(1_100_000) + "\"}]}", "413", "413"},
            {"POST", "/topics/" + topic, "text/plain", null, binary, "415", "415"},
            {"GET", "/topics", null, "text/html", null, "406", "406"},
        };
        for (String[] error : errors) {
            RestClient.Answer answer = rest.send(error[0], error[1], error[2], error[3], error[4]);
            assertThat(answer.status() + " " + answer.errorCode()).as(error[0] + " " + error[1] + " -> " + answer.body())
                .isEqualTo(error[5] + " " + error[6]);
        }
        String jsonInstance = "/consumers/" + group + "/instances/third";
        assertThat(rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"third\",\"format\":\"json\"}").status()).isEqualTo(200);
        rest.post(jsonInstance + "/assignments", RestClient.V2, partition);
        rest.post(jsonInstance + "/positions", RestClient.V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]}");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> rest.get(jsonInstance + "/records?max_bytes=1", RestClient.JSON),
            answer -> answer.body().length() > 2).body()).contains("\"key\":null,\"value\":{\"n\":1},\"partition\":0,\"offset\":1,");
        RestClient.Answer cap = rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"fourth\"}");
        assertThat(cap.status() + " " + cap.errorCode()).as("REST_PROXY_MAX_CONSUMER_INSTANCES=3 reaches the instance").isEqualTo("429 42901");
        assertThat(rest.delete(jsonInstance).status()).isEqualTo(204);
        assertThat(TestKafka.endOffsets(topic)).as("the refused produces wrote nothing").isEqualTo(3);
        assertThat(rest.delete(instance).status()).isEqualTo(204);
        assertThat(rest.delete(avroInstance).status()).isEqualTo(204);
    }
}
