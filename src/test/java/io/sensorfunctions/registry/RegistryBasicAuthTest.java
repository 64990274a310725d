package io.sensorfunctions.registry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.serde.KafkaAvroSerializer;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A registry with its reads closed too ({@code security.read-access=viewer,operator}), as managed registries have them,
 * and the serde's ways of sending credentials (Confluent's settings).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryBasicAuthTest {

    private RegistryHttp registry;
    private String url;

    @BeforeAll
    void start() {
        Map<String, Object> props = TestKafka.isolated("registry-auth");
        props.put("functions", "registry");
        props.put("micronaut.security.enabled", "true");
        props.put("security.read-access", "viewer,operator");
        props.put("security.users.alice.password", "s3cret:with+colon");
        props.put("security.users.alice.roles", "operator");
        props.put("security.users.victor.password", "viewer-only");
        props.put("security.users.victor.roles", "viewer");
        url = props.get("schema.registry.url").toString();
        registry = RegistryHttp.start(props);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void closedReadsNeedValidCredentialsAndHealthStaysOpen() {
        assertThat(status(HttpRequest.GET("/subjects"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/config"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/subjects").basicAuth("alice", "wrong"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/subjects").basicAuth("mallory", "s3cret:with+colon"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/subjects").basicAuth("alice", "s3cret:with+colon"))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/subjects").basicAuth("victor", "viewer-only"))).isEqualTo(200);
        assertThat(status(HttpRequest.PUT("/config", "{\"compatibility\":\"FULL\"}").basicAuth("victor", "viewer-only"))).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/health"))).isEqualTo(200);
        String schema = "{\"schema\": \"\\\"string\\\"\"}";
        for (String readPost : List.of("/subjects/auth-read-value", "/compatibility/subjects/auth-read-value/versions")) {
            assertThat(status(HttpRequest.POST(readPost, schema).contentType(RegistryHttp.V1))).as(readPost).isEqualTo(401);
            assertThat(status(HttpRequest.POST(readPost, schema).contentType(RegistryHttp.V1).basicAuth("victor", "viewer-only")))
                .as("a read-only POST is a read: " + readPost).isNotIn(401, 403);
        }
        assertThatThrownBy(() -> registry.http.exchange(HttpRequest.GET("/no/such/path"), Map.class))
            .as("an unknown path off the registry's resources is a 404 in our own shape, not a 401")
            .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(404);
                assertThat(e.getResponse().getBody(Map.class).orElseThrow().get("error").toString()).contains("no endpoint GET /no/such/path");
            });
    }

    private int status(HttpRequest<?> request) {
        try {
            return registry.http.exchange(request).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void theSerdeSendsUserInfoOrUrlCredentials() {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Secured\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(schema);
        record.put("f", 7);

        assertThat(serialize(Map.of("schema.registry.url", url,
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret:with+colon"), record)).hasSize(6);
        assertThat(serialize(Map.of("schema.registry.url", url.replace("http://", "http://alice:s3cret%3Awith+colon@")), record)).hasSize(6);
        assertThatThrownBy(() -> serialize(Map.of("schema.registry.url", url), record))
            .isInstanceOf(SerializationException.class).hasMessageContaining("401");
    }

    private static byte[] serialize(Map<String, Object> config, GenericRecord record) {
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(new HashMap<>(config), false);
            return serializer.serialize("secured", record);
        }
    }
}
