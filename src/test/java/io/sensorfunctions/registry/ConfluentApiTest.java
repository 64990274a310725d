package io.sensorfunctions.registry;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.sensorfunctions.registry.RegistryHttp.SENSOR;
import static io.sensorfunctions.registry.RegistryHttp.SENSOR_V2;
import static io.sensorfunctions.registry.RegistryHttp.V1;
import static io.sensorfunctions.registry.RegistryHttp.assertError;
import static io.sensorfunctions.registry.RegistryHttp.json;
import static io.sensorfunctions.registry.RegistryHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every endpoint's request and answer shapes and error codes, as Confluent's Schema Registry API reference gives them,
 * against the registry function on a real broker. Each test uses its own subjects.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfluentApiTest {

    /** {@link RegistryHttp#SENSOR} with a new field that has no default: the new schema cannot read old data. */
    private static final String SENSOR_REQUIRED_UNIT = SENSOR.replace("]}", ",{\"name\":\"unit\",\"type\":\"string\"}]}");

    private RegistryHttp registry;

    @BeforeAll
    void start() {
        Map<String, Object> props = TestKafka.isolated("confluent-api");
        props.put("functions", "registry");
        registry = RegistryHttp.start(props);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private HttpResponse<String> send(HttpRequest<?> request) {
        return registry.http.exchange(request, String.class);
    }

    private static HttpRequest<?> put(String path, Object body) {
        return HttpRequest.PUT(path, json(body)).contentType(V1);
    }

    @Test
    void schemasByIdListTheirVersionsAndSubjects() {
        String own = SENSOR.replace("\"sensor\"", "\"ById\"");
        int id = registry.register("ids-a-value", own);
        registry.register("ids-b-value", own);

        assertThat(registry.http.retrieve(HttpRequest.GET("/schemas/ids/" + id + "/versions"), Argument.listOf(Argument.mapOf(String.class, Object.class))))
            .containsExactlyInAnyOrder(Map.of("subject", "ids-a-value", "version", 1), Map.of("subject", "ids-b-value", "version", 1));
        assertThat(registry.list("/schemas/ids/" + id + "/subjects", String.class)).containsExactlyInAnyOrder("ids-a-value", "ids-b-value");
        assertThat(registry.list("/schemas/types", String.class)).containsExactly("AVRO");

        String raw = send(HttpRequest.GET("/subjects/ids-a-value/versions/1/schema")).body();
        assertThat(new Schema.Parser().parse(raw)).as("the raw schema, not wrapped in an object").isEqualTo(new Schema.Parser().parse(own));
        assertThat(send(HttpRequest.GET("/subjects/ids-a-value/versions/latest/schema")).body()).isEqualTo(raw);
        assertThat(send(HttpRequest.GET("/schemas/ids/" + id + "/schema")).body()).isEqualTo(raw);
        assertError(() -> registry.list("/schemas/ids/99999/versions", Object.class), HttpStatus.NOT_FOUND, 40403);
    }

    @Test
    void versionsAreSoftDeletedThenPermanentlyDeleted() {
        int id = registry.register("vdel-value", SENSOR);
        registry.register("vdel-value", SENSOR_V2);

        assertThat(send(HttpRequest.DELETE("/subjects/vdel-value/versions/1")).body()).isEqualTo("1");
        assertThat(registry.list("/subjects/vdel-value/versions", Integer.class)).containsExactly(2);
        assertThat(registry.list("/subjects/vdel-value/versions?deleted=true", Integer.class)).containsExactly(1, 2);
        assertError(() -> registry.get("/subjects/vdel-value/versions/1"), HttpStatus.NOT_FOUND, 40402);
        assertThat(registry.get("/subjects/vdel-value/versions/1?deleted=true")).containsEntry("id", id);
        assertThat(registry.get("/schemas/ids/" + id)).as("a soft-deleted version's id still resolves").containsKey("schema");

        assertError(() -> send(HttpRequest.DELETE("/subjects/vdel-value/versions/1")), HttpStatus.NOT_FOUND, 40406);
        assertError(() -> send(HttpRequest.DELETE("/subjects/vdel-value/versions/2?permanent=true")), HttpStatus.NOT_FOUND, 40407);
        assertThat(send(HttpRequest.DELETE("/subjects/vdel-value/versions/1?permanent=true")).body()).isEqualTo("1");
        assertError(() -> registry.get("/subjects/vdel-value/versions/1?deleted=true"), HttpStatus.NOT_FOUND, 40402);
        assertError(() -> send(HttpRequest.DELETE("/subjects/vdel-value/versions/9")), HttpStatus.NOT_FOUND, 40402);
        assertError(() -> send(HttpRequest.DELETE("/subjects/no-such-value/versions/1")), HttpStatus.NOT_FOUND, 40401);
    }

    @Test
    void subjectsAreSoftDeletedThenPermanentlyDeleted() {
        int id = registry.register("sdel-value", SENSOR);

        assertError(() -> send(HttpRequest.DELETE("/subjects/sdel-value?permanent=true")), HttpStatus.NOT_FOUND, 40405);
        assertThat(registry.http.retrieve(HttpRequest.DELETE("/subjects/sdel-value"), Argument.listOf(Integer.class))).containsExactly(1);
        assertThat(registry.list("/subjects", String.class)).doesNotContain("sdel-value");
        assertThat(registry.list("/subjects?deleted=true", String.class)).contains("sdel-value");
        assertError(() -> send(HttpRequest.DELETE("/subjects/sdel-value")), HttpStatus.NOT_FOUND, 40404);
        assertError(() -> registry.map(post("/subjects/sdel-value", SENSOR)), HttpStatus.NOT_FOUND, 40401);
        assertThat(registry.map(post("/subjects/sdel-value?deleted=true", SENSOR))).containsEntry("version", 1);

        assertThat(registry.register("sdel-value", SENSOR)).as("re-registering keeps the id").isEqualTo(id);
        assertThat(registry.list("/subjects/sdel-value/versions", Integer.class)).as("and takes a new version").containsExactly(2);

        registry.http.exchange(HttpRequest.DELETE("/subjects/sdel-value"));
        assertThat(registry.http.retrieve(HttpRequest.DELETE("/subjects/sdel-value?permanent=true"), Argument.listOf(Integer.class))).containsExactly(1, 2);
        assertThat(registry.list("/subjects?deleted=true", String.class)).doesNotContain("sdel-value");
        assertError(() -> send(HttpRequest.DELETE("/subjects/sdel-value")), HttpStatus.NOT_FOUND, 40401);
    }

    @Test
    void compatibilityConfigIsGlobalWithSubjectOverrides() {
        assertThat(registry.get("/config")).isEqualTo(Map.of("compatibilityLevel", "BACKWARD"));
        assertError(() -> registry.get("/config/cfg-value"), HttpStatus.NOT_FOUND, 40408);
        assertThat(registry.get("/config/cfg-value?defaultToGlobal=true")).isEqualTo(Map.of("compatibilityLevel", "BACKWARD"));

        assertThat(registry.map(put("/config/cfg-value", Map.of("compatibility", "full_transitive"))))
            .isEqualTo(Map.of("compatibility", "FULL_TRANSITIVE"));
        assertThat(registry.get("/config/cfg-value")).isEqualTo(Map.of("compatibilityLevel", "FULL_TRANSITIVE"));
        assertError(() -> registry.map(put("/config/cfg-value", Map.of("compatibility", "SIDEWAYS"))), HttpStatus.UNPROCESSABLE_ENTITY, 42203);
        assertError(() -> registry.map(put("/config", Map.of("other", "x"))), HttpStatus.UNPROCESSABLE_ENTITY, 42203);

        assertThat(registry.map(HttpRequest.DELETE("/config/cfg-value"))).isEqualTo(Map.of("compatibilityLevel", "FULL_TRANSITIVE"));
        assertError(() -> registry.get("/config/cfg-value"), HttpStatus.NOT_FOUND, 40408);
        assertError(() -> registry.map(HttpRequest.DELETE("/config/cfg-value")), HttpStatus.NOT_FOUND, 40408);
        assertThat(registry.get("/mode")).isEqualTo(Map.of("mode", "READWRITE"));
        assertThat(registry.get("/mode/cfg-value")).isEqualTo(Map.of("mode", "READWRITE"));
    }

    @Test
    void theGlobalLevelDecidesForSubjectsWithoutTheirOwn() {
        registry.register("global-value", SENSOR);
        try {
            assertThat(registry.map(put("/config", Map.of("compatibility", "NONE")))).isEqualTo(Map.of("compatibility", "NONE"));
            assertThat(registry.get("/config")).isEqualTo(Map.of("compatibilityLevel", "NONE"));
            assertThat(registry.get("/config/global-value?defaultToGlobal=true")).isEqualTo(Map.of("compatibilityLevel", "NONE"));
            assertThat(registry.register("global-value", SENSOR_REQUIRED_UNIT)).isPositive();
        } finally {
            registry.map(put("/config", Map.of("compatibility", "BACKWARD")));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsA400InConfluentsShape() {
        for (String body : List.of("not json", "{\"schema\": ", "[1, 2]")) {
            assertError(() -> registry.map(HttpRequest.POST("/subjects/body-value/versions", body).contentType(V1)), HttpStatus.BAD_REQUEST, 400);
        }
        assertError(() -> registry.map(HttpRequest.POST("/subjects/body-value/versions", "{}").contentType(V1)), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409AndTheLevelDecides() {
        registry.register("evolve-value", SENSOR);
        assertError(() -> registry.register("evolve-value", SENSOR_REQUIRED_UNIT), HttpStatus.CONFLICT, 409);
        assertThat(registry.register("evolve-value", SENSOR_V2)).as("an optional field with a default is backward compatible").isPositive();

        registry.map(put("/config/evolve-value", Map.of("compatibility", "NONE")));
        assertThat(registry.register("evolve-value", SENSOR_REQUIRED_UNIT)).isPositive();
        assertThat(registry.list("/subjects/evolve-value/versions", Integer.class)).containsExactly(1, 2, 3);
    }

    @Test
    void compatibilityTestsAnswerIsCompatibleAndExplainWhenVerbose() {
        registry.register("check-value", SENSOR);

        assertThat(registry.map(post("/compatibility/subjects/check-value/versions/latest", SENSOR_V2)))
            .isEqualTo(Map.of("is_compatible", true));
        assertThat(registry.map(post("/compatibility/subjects/check-value/versions/1", SENSOR_REQUIRED_UNIT)))
            .isEqualTo(Map.of("is_compatible", false));
        Map<String, Object> verbose = registry.map(post("/compatibility/subjects/check-value/versions/latest?verbose=true", SENSOR_REQUIRED_UNIT));
        assertThat(verbose).containsEntry("is_compatible", false);
        assertThat(verbose.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("unit");
        assertThat(registry.map(post("/compatibility/subjects/check-value/versions", SENSOR_REQUIRED_UNIT)))
            .as("against every version").isEqualTo(Map.of("is_compatible", false));
        assertThat(registry.list("/subjects/check-value/versions", Integer.class)).as("testing registers nothing").containsExactly(1);

        assertError(() -> registry.map(post("/compatibility/subjects/nobody-value/versions/latest", SENSOR)), HttpStatus.NOT_FOUND, 40401);
        assertError(() -> registry.map(post("/compatibility/subjects/check-value/versions/5", SENSOR)), HttpStatus.NOT_FOUND, 40402);
        assertError(() -> registry.map(post("/compatibility/subjects/check-value/versions/zero", SENSOR)), HttpStatus.UNPROCESSABLE_ENTITY, 42202);
        assertError(() -> registry.map(post("/compatibility/subjects/check-value/versions/latest", "{\"type\":")), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
    }

    @Test
    void errorsUseConfluentsCodes() {
        registry.register("known-value", SENSOR);
        assertError(() -> registry.map(post("/subjects/unknown-value", SENSOR)), HttpStatus.NOT_FOUND, 40401);
        assertError(() -> registry.map(post("/subjects/known-value", "\"string\"")), HttpStatus.NOT_FOUND, 40403);
        assertError(() -> registry.get("/subjects/known-value/versions/7"), HttpStatus.NOT_FOUND, 40402);
        assertError(() -> registry.get("/subjects/known-value/versions/first"), HttpStatus.UNPROCESSABLE_ENTITY, 42202);
        assertError(() -> registry.get("/subjects/known-value/versions/0"), HttpStatus.UNPROCESSABLE_ENTITY, 42202);
        assertError(() -> registry.get("/schemas/ids/100000"), HttpStatus.NOT_FOUND, 40403);
        assertError(() -> registry.register("bad-value", "{\"type\":\"record\""), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
        assertError(() -> registry.map(HttpRequest.POST("/subjects/bad-value/versions", json(Map.of("schema", "\"int\"", "schemaType", "PROTOBUF")))
            .contentType(V1)), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
        assertError(() -> registry.list("/subjects/unknown-value/versions", Integer.class), HttpStatus.NOT_FOUND, 40401);
    }

    /** Each of these once answered 500: Avro refuses them with exceptions other than SchemaParseException. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"f\",\"type\":\"int\",\"default\":\"nope\"}]}",
        "[\"null\",[\"int\",\"string\"]]",
        "[\"int\",\"int\"]",
        "{\"type\":\"fixed\",\"name\":\"f\",\"size\":-1}",
        "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"f\",\"type\":\"int\",\"order\":\"sideways\"}]}",
        "{\"type\":\"record\",\"fields\":[]}",
        "{\"type\":\"enum\",\"name\":\"e\",\"symbols\":[\"A\",\"A\"]}",
    })
    void everyInvalidSchemaIsA422WithAvrosMessage(String schema) {
        assertError(() -> registry.register("invalid-value", schema), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
    }

    /** Larger than the store producer's max.request.size (1 MiB): refused once, not retried until a 500. */
    @Test
    void aSchemaTooLargeForTheStoreIsRefusedOnceWith42201() {
        String doc = "x".repeat(1_200_000);
        String schema = "{\"type\":\"record\",\"name\":\"Huge\",\"doc\":\"" + doc + "\",\"fields\":[]}";
        assertError(() -> registry.register("huge-value", schema), HttpStatus.UNPROCESSABLE_ENTITY, 42201);
        assertThatThrownBy(() -> registry.register("huge-value", schema)).isInstanceOfSatisfying(HttpClientResponseException.class,
            e -> assertThat(e.getResponse().getBody(String.class).orElseThrow()).as("refused at the first attempt, not after ten")
                .contains("larger than the store topic"));
    }

    @Test
    void unknownPathsAnswerAJson404InTheShapeOfTheirPathAndUnknownQueryParametersAreIgnored() {
        assertError(() -> registry.get("/contexts/.prod/subjects"), HttpStatus.NOT_FOUND, 404);
        assertError(() -> registry.get("/subjects/known-value/versions/1/referencedby/extra"), HttpStatus.NOT_FOUND, 404);
        assertError(() -> send(HttpRequest.DELETE("/schemas/types")), HttpStatus.METHOD_NOT_ALLOWED, 405);
        assertThatThrownBy(() -> registry.get("/readngs")).as("off the registry's paths, our own error shape")
            .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(404);
                Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
                assertThat(body.containsKey("error_code")).isFalse();
                assertThat(body.get("error").toString()).contains("no endpoint GET /readngs");
            });

        int id = registry.map(HttpRequest.POST("/subjects/params-value/versions?normalize=true&format=x",
            json(Map.of("schema", SENSOR, "metadata", Map.of("properties", Map.of())))).contentType(V1)).get("id") instanceof Number n ? n.intValue() : -1;
        assertThat(id).isPositive();
        assertThat(registry.get("/schemas/ids/" + id + "?fetchMaxId=false&subject=params-value")).containsKey("schema");
        assertThat(registry.list("/subjects?deleted=false&lookupDeletedSchema=true", String.class)).contains("params-value");
        assertThat(registry.get("/subjects/params-value/versions/latest?deleted=false&format=resolved")).containsEntry("id", id);
        assertThat(registry.get("/config?defaultToGlobal=true")).containsKey("compatibilityLevel");
    }
}
