package io.sensorfunctions.registry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.devkafka.DevKafka;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sensorfunctions.registry.RegistryHttp.SENSOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The registry's store reader when the broker refuses it, for real: a broker with Kafka's StandardAuthorizer, and an
 * ACL that denies reading the store topic for a while. The reader thread keeps going, the registry's health is DOWN
 * with the reason, reads are still served from memory, and it all recovers without a restart once the ACL is gone.
 */
@IntegrationTest
class StoreReaderRecoveryTest {

    @Test
    void theStoreReaderSurvivesARefusalShowsItInHealthAndRecovers() throws Exception {
        try (DevKafka broker = DevKafka.start(0, Map.of(
            "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "allow.everyone.if.no.acl.found", "true"))) {
            Map<String, Object> props = TestKafka.isolated("store-reader");
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            props.put("functions", "registry");
            String store = props.get("topics.schemas").toString();
            AclBinding denyRead = new AclBinding(new ResourcePattern(ResourceType.TOPIC, store, PatternType.LITERAL),
                new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.READ, AclPermissionType.DENY));

            try (RegistryHttp registry = RegistryHttp.start(props);
                 AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                BlockingHttpClient http = registry.http;
                int id = registry.register("store-reader-value", SENSOR);

                admin.createAcls(List.of(denyRead)).all().get();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                    assertThat(down.getResponse().getBody(String.class).orElseThrow())
                        .containsPattern("\"registry\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"")
                        .contains("TopicAuthorizationException");
                });
                assertThat(registry.get("/schemas/ids/" + id).toString()).as("reads are served from memory").contains("sensor");

                admin.deleteAcls(List.of(denyRead.toFilter())).all().get();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.exchange(HttpRequest.GET("/health")).code() == 200);
                assertThat(registry.register("store-reader-again-value", SENSOR.replace("sensor", "sensor2")))
                    .as("writes work again, so the reader is reading").isGreaterThan(id);
            }
        }
    }
}
