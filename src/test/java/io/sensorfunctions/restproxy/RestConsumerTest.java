package io.sensorfunctions.restproxy;

import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.RestClient;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Confluent REST Proxy v2's consumer instances on a real broker and our registry, through the JDK's HTTP client:
 * create, subscribe or assign, read in each embedded format, commit, seek, delete; the instance's limits (max_bytes,
 * idle expiry, the cap) and the conflicts Confluent answers 40403, 40601, 40902 and 40903 to.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestConsumerTest {

    private static final Pattern RECORD = Pattern.compile("\\{\"topic\":\"[^\"]+\",\"key\":(null|\"[^\"]*\"),\"value\":(\"[^\"]*\"|\\{[^}]*}),"
        + "\"partition\":(\\d+),\"offset\":(\\d+),\"timestamp\":\\d+}");
    private static final int CAP = 6;

    private FunctionsInstance proxy;
    private RestClient rest;

    @BeforeAll
    void start() {
        Map<String, Object> props = TestKafka.isolated("rest-consumer");
        props.put("functions", "rest-proxy,registry");
        props.put("rest-proxy.consumer-instance-timeout", "5s");
        props.put("rest-proxy.max-consumer-instances", CAP);
        proxy = FunctionsInstance.start(props);
        rest = new RestClient(proxy.url());
    }

    @AfterAll
    void stop() {
        proxy.close();
    }

    @Test
    void aBinaryInstanceReadsCommitsSeeksAndLeavesItsGroup() throws Exception {
        String topic = topic(3);
        produce(topic, 10);
        String group = "binary-" + UUID.randomUUID();
        String base = "/consumers/" + group + "/instances/c1";
        RestClient.Answer created = rest.post("/consumers/" + group, RestClient.V2,
            "{\"name\":\"c1\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("{\"instance_id\":\"c1\",\"base_uri\":\"" + proxy.url().toString().replaceAll("/$", "") + base + "\"}");
        assertThat(rest.post(base + "/subscription", RestClient.V2, "{\"topics\":[\"" + topic + "\"]}").status()).isEqualTo(204);
        assertThat(rest.get(base + "/subscription", null).body()).isEqualTo("{\"topics\":[\"" + topic + "\"]}");

        List<String> read = readAll(base, RestClient.BINARY, 10, null);
        assertThat(read).extracting(r -> r.split(" ")[1]).containsExactlyInAnyOrder(values(10));
        assertThat(rest.get(base + "/records?timeout=200", RestClient.BINARY).body()).as("nothing more").isEqualTo("[]");
        assertThat(rest.get(base + "/assignments", null).body()).isEqualTo("{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0},"
            + "{\"topic\":\"" + topic + "\",\"partition\":1},{\"topic\":\"" + topic + "\",\"partition\":2}]}");

        assertThat(rest.post(base + "/offsets", RestClient.V2, "{}").status()).isEqualTo(204);
        String partitions = "{\"partitions\":[" + String.join(",", List.of(0, 1, 2).stream().map(p -> "{\"topic\":\"" + topic
            + "\",\"partition\":" + p + "}").toList()) + "]}";
        RestClient.Answer committed = rest.send("GET", base + "/offsets", RestClient.V2, null, partitions);
        assertThat(committed.status()).as(committed.body()).isEqualTo(200);
        assertThat(sumOfOffsets(committed.body())).as(committed.body()).isEqualTo(10);
        assertThat(TestKafka.committed(group)).isEqualTo(10);

        assertThat(rest.post(base + "/positions/beginning", RestClient.V2, partitions).status()).isEqualTo(204);
        assertThat(readAll(base, RestClient.BINARY, 10, null)).as("read again from the beginning").containsExactlyInAnyOrderElementsOf(read);

        assertThat(rest.post(base + "/positions/beginning", RestClient.V2, partitions).status()).isEqualTo(204);
        List<String> oneByOne = readAll(base, RestClient.BINARY, 10, 1);
        assertThat(oneByOne).as("max_bytes=1 answers one record at a time, and loses none").containsExactlyInAnyOrderElementsOf(read);

        // The last record of a partition: seeking to it reads it alone.
        String first = read.stream().max(java.util.Comparator.comparingLong(r -> Long.parseLong(r.split(" ")[3]))).orElseThrow();
        int partition = Integer.parseInt(first.split(" ")[2]);
        long offset = Long.parseLong(first.split(" ")[3]);
        assertThat(rest.post(base + "/positions", RestClient.V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":" + partition
            + ",\"offset\":" + offset + "}]}").status()).isEqualTo(204);
        assertThat(readAll(base, RestClient.BINARY, 1, null)).containsExactly(first);

        assertThat(rest.post(base + "/offsets", RestClient.V2, "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":" + partition
            + ",\"offset\":" + offset + "}]}").status()).as("commits the record given: offset + 1").isEqualTo(204);
        assertThat(rest.send("GET", base + "/offsets", RestClient.V2, null, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":"
            + partition + "}]}").body()).contains("\"offset\":" + (offset + 1));

        assertThat(members(group)).isEqualTo(1);
        assertThat(rest.delete(base).status()).isEqualTo(204);
        assertThat(members(group)).as("deleted: left the group at once, not after a session timeout").isZero();
        RestClient.Answer gone = rest.get(base + "/records", RestClient.BINARY);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(40403);
    }

    @Test
    void jsonAndAvroInstancesAnswerInTheirFormatAndRefuseAnother() {
        String topic = topic(1);
        assertThat(rest.post("/topics/" + topic, RestClient.JSON, "{\"records\":[{\"key\":\"k\",\"value\":{\"x\":[1,2.5,true]}}]}").status())
            .isEqualTo(200);
        String json = instance("json-" + UUID.randomUUID(), "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
        assertThat(rest.post(json + "/assignments", RestClient.V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}")
            .status()).isEqualTo(204);
        RestClient.Answer records = await().atMost(Duration.ofSeconds(30)).until(() -> rest.get(json + "/records", RestClient.JSON),
            answer -> answer.body().length() > 2);
        assertThat(records.contentType()).isEqualTo(RestClient.JSON);
        assertThat(records.body()).matches("\\[\\{\"topic\":\"" + topic + "\",\"key\":\"k\",\"value\":\\{\"x\":\\[1,2.5,true]},"
            + "\"partition\":0,\"offset\":0,\"timestamp\":\\d+}]");

        String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"User\\\",\\\"fields\\\":[{\\\"name\\\":\\\"name\\\",\\\"type\\\":"
            + "\\\"string\\\"},{\\\"name\\\":\\\"email\\\",\\\"type\\\":[\\\"null\\\",\\\"string\\\"],\\\"default\\\":null}]}";
        String avroTopic = topic(1);
        rest.post("/topics/" + avroTopic, RestClient.BINARY, "{\"records\":[{\"value\":\"bm90IGF2cm8=\"}]}");
        assertThat(rest.post("/topics/" + avroTopic, RestClient.AVRO, "{\"value_schema\":\"" + schema + "\",\"records\":[{\"value\":"
            + "{\"name\":\"ada\",\"email\":{\"string\":\"ada@example.org\"}}}]}").status()).isEqualTo(200);
        String avro = instance("avro-" + UUID.randomUUID(), "{\"format\":\"avro\",\"auto.offset.reset\":\"earliest\"}");
        rest.post(avro + "/assignments", RestClient.V2, "{\"partitions\":[{\"topic\":\"" + avroTopic + "\",\"partition\":0}]}");
        RestClient.Answer mismatch = rest.get(avro + "/records", RestClient.BINARY);
        assertThat(mismatch.status()).isEqualTo(406);
        assertThat(mismatch.errorCode()).isEqualTo(40601);

        RestClient.Answer unreadable = await().atMost(Duration.ofSeconds(30)).until(() -> rest.get(avro + "/records", RestClient.AVRO),
            answer -> answer.status() != 200 || answer.body().length() > 2);
        assertThat(unreadable.status()).as(unreadable.body()).isEqualTo(422);
        assertThat(unreadable.body()).contains(avroTopic + "-0@0").contains("seek past it");
        assertThat(rest.get(avro + "/records", RestClient.AVRO).status()).as("stays before the bad record").isEqualTo(422);
        rest.post(avro + "/positions", RestClient.V2, "{\"offsets\":[{\"topic\":\"" + avroTopic + "\",\"partition\":0,\"offset\":1}]}");
        RestClient.Answer read = rest.get(avro + "/records", RestClient.AVRO);
        assertThat(read.contentType()).isEqualTo(RestClient.AVRO);
        assertThat(read.body()).contains("\"key\":null,\"value\":{\"name\":\"ada\",\"email\":{\"string\":\"ada@example.org\"}},"
            + "\"partition\":0,\"offset\":1,");
        rest.delete(json);
        rest.delete(avro);
    }

    @Test
    void conflictsAndMissingInstancesAreConfluentErrors() {
        String topic = topic(1);
        String group = "conflicts-" + UUID.randomUUID();
        String base = instance(group, "{\"name\":\"c\"}");
        assertThat(rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"c\"}").errorCode()).isEqualTo(40902);
        assertThat(rest.post(base + "/subscription", RestClient.V2, "{\"topics\":[\"" + topic + "\"],\"topic_pattern\":\"x.*\"}")
            .errorCode()).isEqualTo(40903);
        assertThat(rest.post(base + "/subscription", RestClient.V2, "{\"topic_pattern\":\"" + topic + ".*\"}").status()).isEqualTo(204);
        RestClient.Answer assign = rest.post(base + "/assignments", RestClient.V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        assertThat(assign.status()).isEqualTo(409);
        assertThat(assign.errorCode()).isEqualTo(40903);
        assertThat(rest.post(base + "/positions/end", RestClient.V2, "{\"partitions\":[{\"topic\":\"other\",\"partition\":0}]}")
            .errorCode()).isEqualTo(40903);
        assertThat(rest.delete(base + "/subscription").status()).isEqualTo(204);
        assertThat(rest.post(base + "/assignments", RestClient.V2, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":7}]}")
            .errorCode()).isEqualTo(40402);
        assertThat(rest.post(base + "/assignments", RestClient.V2, "{\"partitions\":[{\"topic\":\"no-such-topic\",\"partition\":0}]}")
            .errorCode()).isEqualTo(40401);
        assertThat(rest.get("/consumers/" + group + "/instances/nobody/subscription", null).errorCode()).isEqualTo(40403);
        assertThat(rest.delete("/consumers/" + group + "/instances/nobody").errorCode()).isEqualTo(40403);
        rest.delete(base);
    }

    @Test
    void idleInstancesExpireAndTheCapAnswers429() {
        String group = "cap-" + UUID.randomUUID();
        List<String> instances = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RestClient.Answer answer = rest.post("/consumers/" + group, RestClient.V2, "{}");
            if (answer.status() == 200) {
                instances.add(answer.body());
            }
            return answer.status() == 429;
        });
        RestClient.Answer refused = rest.post("/consumers/" + group, RestClient.V2, "{}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("rest-proxy.max-consumer-instances");
        assertThat(instances).isNotEmpty().hasSizeLessThanOrEqualTo(CAP);
        String name = instances.get(0).replaceAll(".*\"instance_id\":\"([^\"]+)\".*", "$1");
        // Asking for an instance would keep it in use: wait for a place to free instead.
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"after-expiry\"}")
            .status() == 200);
        assertThat(rest.get("/consumers/" + group + "/instances/" + name + "/subscription", null).errorCode())
            .as("expired after rest-proxy.consumer-instance-timeout unused").isEqualTo(40403);
        rest.delete("/consumers/" + group + "/instances/after-expiry");
    }

    /** Creates an instance; @return its path */
    private String instance(String group, String body) {
        RestClient.Answer created = rest.post("/consumers/" + group, RestClient.V2, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return "/consumers/" + group + "/instances/" + created.body().replaceAll(".*\"instance_id\":\"([^\"]+)\".*", "$1");
    }

    /** Reads until {@code count} records came: each as "key value partition offset", binary decoded. */
    private List<String> readAll(String base, String accept, int count, Integer maxBytes) {
        List<String> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RestClient.Answer answer = rest.get(base + "/records?timeout=500" + (maxBytes == null ? "" : "&max_bytes=" + maxBytes), accept);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.contentType()).isEqualTo(accept);
            Matcher matcher = RECORD.matcher(answer.body());
            int inAnswer = 0;
            while (matcher.find()) {
                inAnswer++;
                read.add(decode(matcher.group(1)) + " " + decode(matcher.group(2)) + " " + matcher.group(3) + " " + matcher.group(4));
            }
            if (maxBytes != null) {
                assertThat(inAnswer).isLessThanOrEqualTo(1);
            }
            return read.size() >= count;
        });
        assertThat(read).hasSize(count);
        return read;
    }

    private static String decode(String quoted) {
        return quoted.equals("null") ? "null" : new String(Base64.getDecoder().decode(quoted.replace("\"", "")), StandardCharsets.UTF_8);
    }

    private static String[] values(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "value-" + i).toArray(String[]::new);
    }

    private static void produce(String topic, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static String topic(int partitions) {
        return TestKafka.createTopic("rest-consumer-" + UUID.randomUUID(), partitions);
    }

    private static int members(String group) throws Exception {
        try (AdminClient admin = TestKafka.admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }

    private static long sumOfOffsets(String body) {
        Matcher matcher = Pattern.compile("\"offset\":(\\d+)").matcher(body);
        long sum = 0;
        while (matcher.find()) {
            sum += Long.parseLong(matcher.group(1));
        }
        return sum;
    }
}
