package io.sensorfunctions.deadletter;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.sensorfunctions.testkit.FunctionsHttp;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison pills among good readings, on a real broker: the reader and alerts groups each write every pill to
 * {@code <topic>.DLT} with its exact bytes and spring-kafka's headers, count it by kind, go on with the readings after
 * it, commit to the log end, and stay UP. Among the pills is the 19-byte record that claims a 2 GB string, which
 * Avro would allocate before reading and so kill the consumer thread with an OutOfMemoryError.
 */
@IntegrationTest
class PoisonPillTest {

    @Test
    void everyPillIsDeadLetteredWithItsBytesAndHeadersAndTheReadingsAfterItAreProcessed() throws Exception {
        Map<String, Object> props = TestKafka.isolated("pills");
        props.put("functions", "trigger,reader,alerts,registry");
        String topic = props.get("topics.readings").toString();
        String dlt = topic + ".DLT";
        String readers = props.get("reader.group-id").toString();
        String alerts = props.get("alerts.group-id").toString();

        try (FunctionsInstance server = FunctionsInstance.start(props);
             KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            BlockingHttpClient http = server.http();
            FunctionsHttp.produce(http, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) == 24);
            byte[] good = TestKafka.readAll(topic).get(0).value();

            Map<String, byte[]> pills = pills(good);
            for (Map.Entry<String, byte[]> pill : pills.entrySet()) {
                producer.send(new ProducerRecord<>(topic, 0, key(pill.getKey()), pill.getValue())).get();
            }
            FunctionsHttp.produce(http, 3);

            long total = 48 + pills.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.endOffsets(topic) == total);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.committed(readers) == total && TestKafka.committed(alerts) == total);
            assertThat(FunctionsHttp.consumed(http)).as("every good reading, before and after the pills").isEqualTo(48);

            List<ConsumerRecord<byte[], byte[]>> deadLettered = TestKafka.readAll(dlt);
            assertThat(deadLettered).hasSize(2 * pills.size());
            for (String group : List.of(readers, alerts)) {
                Map<String, String> kinds = new LinkedHashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : deadLettered) {
                    if (!group.equals(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP))) {
                        continue;
                    }
                    String name = new String(record.key(), StandardCharsets.UTF_8).substring("pill-".length());
                    assertThat(record.value()).as(name + ": exact value bytes").isEqualTo(pills.get(name));
                    assertThat(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
                    assertThat(DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.ORIGINAL_PARTITION)).isZero();
                    assertThat(DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isNotNull();
                    assertThat(DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isPositive();
                    assertThat(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE)).isEqualTo("CreateTime");
                    assertThat(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.EXCEPTION_FQCN))
                        .isEqualTo("io.sensorfunctions.serde.AvroDecodeException");
                    assertThat(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains(topic);
                    kinds.put(name, DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.KIND));
                }
                assertThat(kinds).as(group).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "garbage", "wrong-magic-byte",
                    "wrong-magic-byte", "wrong-magic-byte",
                    "too-short", "too-short",
                    "truncated", "truncated",
                    "length-bomb", "over-limit",
                    "unknown-schema-id", "unknown-schema-id",
                    "tombstone", "tombstone"));
            }

            Map<String, Object> overview = http.retrieve(HttpRequest.GET("/dlt?limit=3"), Argument.mapOf(String.class, Object.class));
            System.out.println("dead-letter counts: " + overview.get("listeners"));
            Map<?, ?> reader = (Map<?, ?>) ((Map<?, ?>) overview.get("listeners")).get("reader");
            assertThat((Map<?, ?>) reader.get("deadLettered")).isEqualTo(Map.of("wrong-magic-byte", 2, "too-short", 1,
                "truncated", 1, "over-limit", 1, "unknown-schema-id", 1, "tombstone", 1));
            Map<?, ?> dltTopic = (Map<?, ?>) ((List<?>) overview.get("topics")).get(0);
            assertThat(dltTopic.get("topic")).isEqualTo(dlt);
            assertThat(((Number) dltTopic.get("count")).longValue()).isEqualTo(2L * pills.size());
            assertThat((List<?>) dltTopic.get("recent")).hasSize(3);
            assertThat(http.exchange(HttpRequest.GET("/health")).code()).isEqualTo(200);
        }
    }

    private static byte[] key(String name) {
        return ("pill-" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** One of each kind, built from a good record's bytes (magic byte, schema id, datum). */
    private static Map<String, byte[]> pills(byte[] good) {
        int schemaId = ByteBuffer.wrap(good, 1, 4).getInt();
        Map<String, byte[]> pills = new LinkedHashMap<>();
        pills.put("garbage", "hello, not avro".getBytes(StandardCharsets.UTF_8));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        pills.put("wrong-magic-byte", wrongMagic);
        pills.put("too-short", new byte[] {0, 0, 0});
        pills.put("truncated", Arrays.copyOf(good, good.length - 4));
        pills.put("length-bomb", lengthBomb(schemaId));
        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(999_999);
        pills.put("unknown-schema-id", unknownId);
        pills.put("tombstone", null);
        return pills;
    }

    /**
     * 19 bytes: the wire header with a real schema id, a timestamp, then an id string that claims 2,000,000,000
     * bytes (below Avro's default limit of the JVM's array size, so only our limit stops the allocation).
     */
    private static byte[] lengthBomb(int schemaId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        out.write(2);
        long zigzag = 2_000_000_000L << 1;
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.writeBytes(new byte[8]);
        byte[] bomb = out.toByteArray();
        assertThat(bomb).hasSize(19);
        return bomb;
    }
}
