package io.sensorfunctions.registry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.sensorfunctions.registry.RegistryHttp.SENSOR;
import static io.sensorfunctions.registry.RegistryHttp.SENSOR_V2;
import static io.sensorfunctions.registry.RegistryHttp.assertError;
import static io.sensorfunctions.registry.RegistryHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's storage against a real broker: canonical ids, state rebuilt from the {@code _schemas} topic after a
 * restart, and two instances sharing one store.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryTest {

    private final List<RegistryHttp> instances = new ArrayList<>();
    private Map<String, Object> props;
    private RegistryHttp client;

    @BeforeAll
    void start() {
        props = TestKafka.isolated("registry");
        props.put("functions", "registry");
        client = startInstance(props);
    }

    @AfterAll
    void stop() {
        instances.forEach(RegistryHttp::close);
    }

    private RegistryHttp startInstance(Map<String, Object> properties) {
        RegistryHttp instance = RegistryHttp.start(properties);
        instances.add(instance);
        return instance;
    }

    /** Another instance on the same store: same topic and transactional id, its own port. */
    private RegistryHttp peer(String name) {
        Map<String, Object> other = new HashMap<>(TestKafka.isolated(name));
        other.put("functions", "registry");
        other.put("topics.schemas", props.get("topics.schemas"));
        other.put("registry.transactional-id", props.get("registry.transactional-id"));
        return startInstance(other);
    }

    @Test
    void registersLooksUpAndGetsById() {
        int id = client.register("temperature-value", SENSOR);
        String reformatted = SENSOR.replace(",", " ,\n  ").replace("{\"type\":\"record\",\"name\":\"sensor\"", "{\"name\": \"sensor\", \"type\": \"record\"");
        assertThat(client.register("temperature-value", reformatted)).as("same schema, other whitespace and key order").isEqualTo(id);

        Map<String, Object> found = client.map(post("/subjects/temperature-value", SENSOR));
        assertThat(found).containsEntry("subject", "temperature-value").containsEntry("version", 1).containsEntry("id", id)
            .doesNotContainKey("schemaType");

        assertThat(client.get("/schemas/ids/" + id).get("schema")).isEqualTo(found.get("schema"));
        assertThat(client.list("/subjects", String.class)).contains("temperature-value");
        assertThat(client.list("/subjects/temperature-value/versions", Integer.class)).containsExactly(1);
        assertThat(client.get("/subjects/temperature-value/versions/latest")).containsEntry("id", id).containsEntry("version", 1);
    }

    @Test
    void sameSchemaKeepsItsIdAcrossSubjectsAndANewSchemaGetsANewVersion() {
        int id = client.register("a-value", SENSOR);
        assertThat(client.register("b-value", SENSOR)).isEqualTo(id);
        int id2 = client.register("a-value", SENSOR_V2);
        assertThat(id2).isNotEqualTo(id);
        assertThat(client.list("/subjects/a-value/versions", Integer.class)).containsExactly(1, 2);
    }

    @Test
    void acceptsEveryContentTypeConfluentClientsSend() {
        for (String type : List.of(RegistryHttp.V1, "application/vnd.schemaregistry+json", MediaType.APPLICATION_JSON)) {
            Map<String, Object> answer = client.map(HttpRequest.POST("/subjects/ct-value/versions",
                RegistryHttp.json(Map.of("schema", SENSOR))).contentType(type));
            assertThat(answer).containsKey("id");
        }
    }

    @Test
    void aRestartedRegistryRebuildsSchemasConfigAndDeletesFromTheTopic() {
        int id = client.register("restart-value", SENSOR);
        client.register("restart-value", SENSOR_V2);
        client.http.exchange(HttpRequest.PUT("/config/restart-value", RegistryHttp.json(Map.of("compatibility", "FULL_TRANSITIVE")))
            .contentType(RegistryHttp.V1));
        client.http.exchange(HttpRequest.DELETE("/subjects/restart-value/versions/2"));

        RegistryHttp restarted = peer("registry-restart");

        assertThat(restarted.get("/subjects/restart-value/versions/1")).containsEntry("id", id);
        assertThat(restarted.list("/subjects/restart-value/versions", Integer.class)).containsExactly(1);
        assertThat(restarted.list("/subjects/restart-value/versions?deleted=true", Integer.class)).containsExactly(1, 2);
        assertThat(restarted.get("/config/restart-value")).containsEntry("compatibilityLevel", "FULL_TRANSITIVE");
        assertThat(restarted.register("restart-value", SENSOR)).isEqualTo(id);
    }

    /**
     * Compaction drops a permanently deleted version's records once its tombstone expires. The copy below is what
     * compaction leaves (the last record per key, no tombstones); a registry started on it must not hand the dropped
     * schema's id, the highest so far, to another schema.
     */
    @Test
    void aPermanentlyDeletedSchemasIdIsNotReusedAfterCompaction() throws Exception {
        String dropped = "{\"type\":\"record\",\"name\":\"Dropped\",\"fields\":[{\"name\":\"f\",\"type\":\"long\"}]}";
        int droppedId = client.register("dropped-value", dropped);
        client.http.exchange(HttpRequest.DELETE("/subjects/dropped-value"));
        client.http.exchange(HttpRequest.DELETE("/subjects/dropped-value?permanent=true"));

        Map<String, Object> compacted = new HashMap<>(TestKafka.isolated("registry-compacted"));
        compacted.put("functions", "registry");
        copyAsCompacted(props.get("topics.schemas").toString(), compacted.get("topics.schemas").toString());
        RegistryHttp afterCompaction = startInstance(compacted);

        assertError(() -> afterCompaction.get("/schemas/ids/" + droppedId), HttpStatus.NOT_FOUND, 40403);
        String other = "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"g\",\"type\":\"int\"}]}";
        assertThat(afterCompaction.register("other-value", other)).isGreaterThan(droppedId);
    }

    @Test
    void aStoreTopicThatIsNotCompactedIsRefusedAtStartup() throws Exception {
        Map<String, Object> props = new HashMap<>(TestKafka.isolated("registry-delete-policy"));
        props.put("functions", "registry");
        try (AdminClient admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(props.get("topics.schemas").toString(), 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get();
        }
        assertThatThrownBy(() -> startInstance(props)).rootCause()
            .hasMessageContaining("has cleanup.policy=delete; it must be compact");
    }

    private static void copyAsCompacted(String from, String to) throws Exception {
        Map<String, String> latest = new LinkedHashMap<>();
        TopicPartition partition = new TopicPartition(from, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.remove(record.key());
                    latest.put(record.key(), record.value());
                }
            }
        }
        latest.values().removeIf(Objects::isNull);
        try (AdminClient admin = TestKafka.admin();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(to, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
            for (Map.Entry<String, String> record : latest.entrySet()) {
                producer.send(new ProducerRecord<>(to, 0, record.getKey(), record.getValue())).get();
            }
        }
    }

    @Test
    void twoInstancesRegisteringAtOnceNeverShareOrSplitIds() throws Exception {
        RegistryHttp peer = peer("registry-peer");
        // Twelve unrelated records in one subject: only NONE allows that.
        client.http.exchange(HttpRequest.PUT("/config/race-value", RegistryHttp.json(Map.of("compatibility", "NONE"))).contentType(RegistryHttp.V1));

        int schemas = 12;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> fromFirst = new ArrayList<>();
        List<Future<Integer>> fromPeer = new ArrayList<>();
        try {
            for (int i = 0; i < schemas; i++) {
                String schema = "{\"type\":\"record\",\"name\":\"R" + i + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
                fromFirst.add(pool.submit((Callable<Integer>) () -> client.register("race-value", schema)));
                fromPeer.add(pool.submit((Callable<Integer>) () -> peer.register("race-value", schema)));
            }
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < schemas; i++) {
                int a = fromFirst.get(i).get();
                assertThat(fromPeer.get(i).get()).as("both instances give schema R%d one id", i).isEqualTo(a);
                ids.add(a);
            }
            assertThat(ids).as("different schemas never share an id").doesNotHaveDuplicates();
            assertThat(client.list("/subjects/race-value/versions", Integer.class)).hasSize(schemas);
            assertThat(peer.list("/subjects/race-value/versions", Integer.class)).hasSize(schemas);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoInstancesNeverBothAcceptSchemasThatAreCompatibleOnlyWithTheOldVersion() throws Exception {
        RegistryHttp peer = peer("registry-compat-peer");
        String v1 = "{\"type\":\"record\",\"name\":\"M\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        client.register("compat-race-value", v1);
        // Each adds field x with a default, so each alone reads v1; neither reads the other's x.
        String asInt = v1.replace("}]}", "},{\"name\":\"x\",\"type\":\"int\",\"default\":0}]}");
        String asString = v1.replace("}]}", "},{\"name\":\"x\",\"type\":\"string\",\"default\":\"\"}]}");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> client.register("compat-race-value", asInt));
            Future<Integer> second = pool.submit(() -> peer.register("compat-race-value", asString));
            int refused = 0;
            for (Future<Integer> registration : List.of(first, second)) {
                try {
                    registration.get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(HttpClientResponseException.class,
                        r -> assertThat(r.getStatus().getCode()).isEqualTo(409));
                    refused++;
                }
            }
            assertThat(refused).as("exactly one of two mutually incompatible versions is refused").isEqualTo(1);
            assertThat(client.list("/subjects/compat-race-value/versions", Integer.class)).containsExactly(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }
}
