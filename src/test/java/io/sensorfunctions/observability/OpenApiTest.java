package io.sensorfunctions.observability;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document generated at compile time is in the jar and served with its viewer, and it describes our
 * endpoints with their request shapes.
 */
@IntegrationTest
class OpenApiTest {

    private static final String DOCUMENT = "/swagger/sensor-functions-0.1.0.yml";

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentDescribesOurEndpointsAndTheViewerIsServed() {
        assertThat(OpenApiTest.class.getResource("/META-INF" + DOCUMENT)).as("generated into the build output").isNotNull();
        Map<String, Object> props = TestKafka.isolated("openapi");
        props.put("functions", "trigger,reader,registry");
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            Map<String, Object> document = new Yaml().load(http.retrieve(HttpRequest.GET(DOCUMENT)));
            Map<String, Object> paths = (Map<String, Object>) document.get("paths");
            assertThat(paths).containsKeys("/produce", "/produce/{id}", "/readings", "/readers/seek", "/dlt", "/dlt/replay",
                "/groups/{groupId}", "/subjects", "/subjects/{subject}/versions", "/schemas/ids/{id}", "/config");
            Map<String, Object> produce = (Map<String, Object>) ((Map<String, Object>) paths.get("/produce")).get("post");
            String requestBody = String.valueOf(produce.get("requestBody"));
            assertThat(requestBody).contains("ProduceRequest");
            Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
            Map<String, Object> events = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) schemas.get("ProduceRequest"))
                .get("properties")).get("events");
            assertThat(events).as("the jakarta constraints reach the document").containsEntry("minimum", 1);
            assertThat(String.valueOf(((Map<String, Object>) schemas.get("ProduceRequest")).get("properties"))).contains("delayMs", "start");
            assertThat(schemas).containsKeys("SeekRequest", "ReplayRequest", "ErrorBody");
            assertThat(String.valueOf(((Map<String, Object>) schemas.get("ReplayRequest")).get("properties"))).contains("maxItems=1000");

            HttpResponse<String> viewer = http.exchange(HttpRequest.GET("/swagger-ui/index.html"), String.class);
            assertThat(viewer.code()).isEqualTo(200);
            assertThat(viewer.body()).contains(DOCUMENT);
        }
    }
}
