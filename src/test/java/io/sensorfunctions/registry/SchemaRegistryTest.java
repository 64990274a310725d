package io.sensorfunctions.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sensorfunctions.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry function's API against a real broker, including restart and two instances sharing one store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryTest {

    private static final String V1 = "application/vnd.schemaregistry.v1+json";
    private static final String SENSOR = "{\"type\":\"record\",\"name\":\"sensor\",\"fields\":["
        + "{\"name\":\"timestamp\",\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},"
        + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"}]}";

    private final List<EmbeddedServer> servers = new ArrayList<>();
    private Map<String, Object> props;
    private BlockingHttpClient client;

    @BeforeAll
    void start() {
        props = TestKafka.isolated("registry");
        props.put("functions", "registry");
        client = startInstance(props);
    }

    @AfterAll
    void stop() {
        servers.forEach(EmbeddedServer::close);
    }

    private BlockingHttpClient startInstance(Map<String, Object> properties) {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        servers.add(server);
        return server.getApplicationContext().createBean(HttpClient.class, server.getURL()).toBlocking();
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();

    /** A raw JSON body, as Confluent's clients send it. */
    private static String body(String schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest<?> post(String path, String schema) {
        return HttpRequest.POST(path, body(schema)).contentType(V1);
    }

    private int register(BlockingHttpClient http, String subject, String schema) {
        Map<String, Object> answer = http.retrieve(post("/subjects/" + subject + "/versions", schema), Argument.mapOf(String.class, Object.class));
        return ((Number) answer.get("id")).intValue();
    }

    private static void assertError(Runnable call, HttpStatus status, int errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
            Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
            assertThat(((Number) body.get("error_code")).intValue()).isEqualTo(errorCode);
            assertThat(body.get("message").toString()).isNotBlank();
        });
    }

    @Test
    void registersLooksUpAndGetsById() {
        int id = register(client, "temperature-value", SENSOR);
        String reformatted = SENSOR.replace(",", " ,\n  ").replace("{\"type\":\"record\",\"name\":\"sensor\"", "{\"name\": \"sensor\", \"type\": \"record\"");
        assertThat(register(client, "temperature-value", reformatted)).as("same schema, other whitespace and key order").isEqualTo(id);

        Map<String, Object> found = client.retrieve(post("/subjects/temperature-value", SENSOR), Argument.mapOf(String.class, Object.class));
        assertThat(found).containsEntry("subject", "temperature-value").containsEntry("version", 1).containsEntry("id", id)
            .doesNotContainKey("schemaType");

        Map<String, Object> byId = client.retrieve(HttpRequest.GET("/schemas/ids/" + id), Argument.mapOf(String.class, Object.class));
        assertThat(byId.get("schema")).isEqualTo(found.get("schema"));
        assertThat(client.retrieve(HttpRequest.GET("/subjects"), Argument.listOf(String.class))).contains("temperature-value");
        assertThat(client.retrieve(HttpRequest.GET("/subjects/temperature-value/versions"), Argument.listOf(Integer.class))).containsExactly(1);
        assertThat(client.retrieve(HttpRequest.GET("/subjects/temperature-value/versions/latest"), Argument.mapOf(String.class, Object.class)))
            .containsEntry("id", id).containsEntry("version", 1);
    }

    @Test
    void sameSchemaKeepsItsIdAcrossSubjectsAndANewSchemaGetsANewVersion() {
        int id = register(client, "a-value", SENSOR);
        assertThat(register(client, "b-value", SENSOR)).isEqualTo(id);
        String v2 = SENSOR.replace("]}", ",{\"name\":\"unit\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        int id2 = register(client, "a-value", v2);
        assertThat(id2).isNotEqualTo(id);
        assertThat(client.retrieve(HttpRequest.GET("/subjects/a-value/versions"), Argument.listOf(Integer.class))).containsExactly(1, 2);
    }

    @Test
    void acceptsEveryContentTypeConfluentClientsSend() {
        for (String type : List.of(V1, "application/vnd.schemaregistry+json", MediaType.APPLICATION_JSON)) {
            Map<String, Object> answer = client.retrieve(HttpRequest.POST("/subjects/ct-value/versions", body(SENSOR))
                .contentType(type), Argument.mapOf(String.class, Object.class));
            assertThat(answer).containsKey("id");
        }
    }

    @Test
    void errorsUseConfluentsCodes() {
        register(client, "known-value", SENSOR);
        assertError(() -> client.exchange(post("/subjects/unknown-value", SENSOR)), HttpStatus.NOT_FOUND, 40401);
        assertError(() -> client.exchange(post("/subjects/known-value", "\"string\"")), HttpStatus.NOT_FOUND, 40403);
        assertError(() -> client.exchange(HttpRequest.GET("/subjects/known-value/versions/7")), HttpStatus.NOT_FOUND, 40402);
        assertError(() -> client.exchange(HttpRequest.GET("/subjects/known-value/versions/first")), HttpStatus.UNPROCESSABLE_ENTITY, 42202);
        assertError(() -> client.exchange(HttpRequest.GET("/schemas/ids/100000")), HttpStatus.NOT_FOUND, 40403);
        assertError(() -> client.exchange(post("/subjects/bad-value/versions", "{\"type\":\"record\"")), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
        assertError(() -> client.exchange(HttpRequest.GET("/subjects/unknown-value/versions")), HttpStatus.NOT_FOUND, 40401);
    }

    @Test
    void aRestartedRegistryRebuildsItsStateFromTheTopic() {
        int id = register(client, "restart-value", SENSOR);
        Map<String, Object> second = new HashMap<>(TestKafka.isolated("registry-restart"));
        second.put("functions", "registry");
        second.put("topics.schemas", props.get("topics.schemas"));
        second.put("registry.transactional-id", props.get("registry.transactional-id"));
        BlockingHttpClient restarted = startInstance(second);

        assertThat(restarted.retrieve(HttpRequest.GET("/subjects/restart-value/versions/1"), Argument.mapOf(String.class, Object.class)))
            .containsEntry("id", id);
        assertThat(register(restarted, "restart-value", SENSOR)).isEqualTo(id);
    }

    @Test
    void twoInstancesRegisteringAtOnceNeverShareOrSplitIds() throws Exception {
        Map<String, Object> other = new HashMap<>(TestKafka.isolated("registry-peer"));
        other.put("functions", "registry");
        other.put("topics.schemas", props.get("topics.schemas"));
        other.put("registry.transactional-id", props.get("registry.transactional-id"));
        BlockingHttpClient peer = startInstance(other);

        int schemas = 12;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> fromFirst = new ArrayList<>();
        List<Future<Integer>> fromPeer = new ArrayList<>();
        try {
            for (int i = 0; i < schemas; i++) {
                String schema = "{\"type\":\"record\",\"name\":\"R" + i + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
                fromFirst.add(pool.submit((Callable<Integer>) () -> register(client, "race-value", schema)));
                fromPeer.add(pool.submit((Callable<Integer>) () -> register(peer, "race-value", schema)));
            }
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < schemas; i++) {
                int a = fromFirst.get(i).get();
                assertThat(fromPeer.get(i).get()).as("both instances give schema R%d one id", i).isEqualTo(a);
                ids.add(a);
            }
            assertThat(ids).as("different schemas never share an id").doesNotHaveDuplicates();
            assertThat(client.retrieve(HttpRequest.GET("/subjects/race-value/versions"), Argument.listOf(Integer.class))).hasSize(schemas);
            assertThat(peer.retrieve(HttpRequest.GET("/subjects/race-value/versions"), Argument.listOf(Integer.class))).hasSize(schemas);
        } finally {
            pool.shutdownNow();
        }
    }
}
